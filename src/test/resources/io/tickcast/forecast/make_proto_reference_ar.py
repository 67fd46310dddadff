#!/usr/bin/env python3
"""Reference for ArFamilyProtoTest and SeasonalityTest, from the prototype itself (tools/forecast_proto.py).

Run from anywhere:  python3 make_proto_reference_ar.py   (numpy + scipy; ~10 s)

Writes next to this script:
  ar_series.csv        symbol,ts_ms,value        the input ticks (values as in the bench CSVs)
  ar_reference.csv     per tick of each series, after Forecaster.step (H = 3): the period, the season flag, the
                       scale the experts were given, and per AR family (ar_l, ar_d, ar_sd, ar_dsd) the index of the
                       leader by one-step prequential SSE and that leader's 1..3-step forecasts ('' = not built,
                       NaN = not ready). Step 1 is asserted equal to the prototype's own family forecast.
  first_timestamps.csv symbol,ts0..ts5,period    the first six timestamps of every bench file and of EuStockMarkets,
                       and the prototype's candidate period (period_from_spacing of the median spacing, capped at
                       ring // 3 = 133 -> 1).
"""
import csv
import math
import os
import sys

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), *(['..'] * 6)))  # the repository
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import forecast_proto as fp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.environ.get('TICKCAST_BENCH', os.path.join(ROOT, '..', 'shared', 'data', 'bench'))
EUSTOCK = os.path.join(ROOT, 'src', 'main', 'resources', 'data', 'eustockmarkets.csv')
SERIES = ['LYNX', 'WWWUSAGE', 'UKGAS', 'CO2', 'DURAB']
FAMILIES = ['ar_l', 'ar_d', 'ar_sd', 'ar_dsd']
H = 3


def read_rows(path):
    """{symbol: [(ts string, value string)]} in file order."""
    out = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            out.setdefault(r['symbol'], []).append((r['ts'], r['value']))
    return out


def bench_files():
    names = sorted(f for f in os.listdir(BENCH) if f.endswith('.csv'))
    return [os.path.join(BENCH, f) for f in names]


def fmt(v):
    return 'NaN' if not math.isfinite(v) else repr(float(v))


def run(symbol, ticks, w):
    fo = fp.Forecaster(dict(H=H))
    for t, (ts, y) in enumerate(ticks):
        fo.step(ts, y)
        row = [symbol, str(t), str(fo.m_cand or 0), str(int(bool(fo.season_on))), fmt(fo.pending[0]['scale'])]
        names = [f.name for f in fo.fams] if fo.experts else []
        ns = len(fo.single) if fo.experts else 0
        for name in FAMILIES:
            if name not in names:
                row += [''] * (1 + H)
                continue
            fi = names.index(name)
            fa = fo.fams[fi].forecast_all(H)
            if fa is None:
                row += ['-1'] + ['NaN'] * H
                continue
            k = int(np.argmin(fo.famL[0][fi]))
            own = fo.pending[0]['preds'][ns + fi, 0]
            if np.all(np.isfinite(fa)):
                assert own == fa[k, 0], (symbol, t, name, own, fa[k, 0])
            row += [str(k)] + [fmt(v) for v in fa[k]]
        w.writerow(row)


def main():
    by_symbol = {}
    for path in bench_files():
        by_symbol.update(read_rows(path))
    with open(os.path.join(HERE, 'ar_series.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['symbol', 'ts_ms', 'value'])
        for s in SERIES:
            for ts, v in by_symbol[s]:
                w.writerow([s, fp.to_ms(ts), v])
    with open(os.path.join(HERE, 'ar_reference.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        head = ['symbol', 't', 'period', 'season', 'scale']
        for name in FAMILIES:
            head += [name + '_leader'] + [f'{name}_f{h}' for h in range(1, H + 1)]
        w.writerow(head)
        for s in SERIES:
            run(s, [(fp.to_ms(ts), float(v)) for ts, v in by_symbol[s]], w)
    eu = read_rows(EUSTOCK)
    with open(os.path.join(HERE, 'first_timestamps.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['symbol'] + [f'ts{i}' for i in range(6)] + ['period'])
        for s, rows in sorted(by_symbol.items()) + sorted(eu.items()):
            ts = [fp.to_ms(r[0]) for r in rows[:6]]
            m = fp.period_from_spacing(float(np.median(np.diff(np.array(ts, float)))))
            if m > fp.DEFAULT['ring'] // (fp.DEFAULT['acf_k'] + 1):
                m = 1
            w.writerow([s] + ts + [m])


if __name__ == '__main__':
    main()
