#!/usr/bin/env python3
"""Reference values for EtsFamilyProtoTest: the prototype's exponential-smoothing family leaders, tick by tick.

Run (from this folder):  python3 make_proto_reference.py   -> writes proto_reference_co2.csv, proto_reference_lynx.csv

It runs the prototype's own Forecaster (tools/forecast_proto.py, imported as it is) on two bench
series, so the families are built, fed and scored exactly as the measured prototype does it: built at the 6th value,
updated with every value from there on (the seasonal ones start up from the ring's last 2m values), their member
forecasts scored with the forecaster's change scale at forecast time. After each step it writes, per ETS family, the
leader (argmin of the family's one-step losses, as the step used it) and the leader's one-step forecast, and the scale
that step used for its forecasts (the unit of their losses): what the Java test passes to observe().

CO2 is monthly (the period inferred from the spacing is 12: all five families). LYNX is annual (period 1: the
seasonal families are not built), so it is run with the prototype's explicit period option, period = 10 (its ~10-year
cycle), to run all five families on a second series.

CSV columns: t (1-based), y, built (1 once the experts exist), scale, then per family <name>_lead, <name> (empty
while the family has no forecast).
"""
import csv
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
# tools/forecast_proto.py of this tree (a copy of the prototype), else the main tree's
sys.path.insert(0, os.path.join(HERE, *(['..'] * 6), 'tools'))
import forecast_proto as proto  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), *(['..'] * 6)))  # the repository
BENCH = os.environ.get('TICKCAST_BENCH', os.path.join(ROOT, '..', 'shared', 'data', 'bench'))
FAMILIES = ('ses', 'holt', 'lholt', 'hw', 'lhw')


def run(symbol, file, cfg, out_name):
    ts, vals = proto.load_series(os.path.join(BENCH, file))[symbol]
    fc = proto.Forecaster(cfg)
    with open(os.path.join(HERE, out_name), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['t', 'y', 'built', 'scale'] + [c for n in FAMILIES for c in (n + '_lead', n)])
        for i, (t, y) in enumerate(zip(ts, vals)):
            fc.step(t, y)
            row = [i + 1, repr(float(y)), 0 if fc.experts is None else 1, repr(float(fc.pending[0]['scale']))]
            fams = {} if fc.experts is None else {fam.name: (fi, fam) for fi, fam in enumerate(fc.fams)}
            for name in FAMILIES:
                if name not in fams:
                    row += ['', '']
                    continue
                fi, fam = fams[name]
                fa = fam.forecast_all(1)
                if fa is None:
                    row += ['', '']
                    continue
                k = int(np.argmin(fc.famL[0][fi]))
                row += [k, repr(float(fa[k, 0]))]
            w.writerow(row)
    return fc


if __name__ == '__main__':
    co2 = run('CO2', 'co2.csv', {}, 'proto_reference_co2.csv')
    assert co2.m_cand == 12, co2.m_cand
    lynx = run('LYNX', 'lynx.csv', {'period': 10}, 'proto_reference_lynx.csv')
    assert lynx.m_cand == 10, lynx.m_cand
