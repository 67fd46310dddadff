#!/usr/bin/env python3
"""Reference values for io.tickcast.forecast.AggregationProtoAgreementTest, from the measured prototype.

Run from this directory:  python3 make_proto_reference_agg.py
Imports tools/forecast_proto.py (the prototype; override with FORECAST_PROTO=path).
Deterministic (numpy default_rng with fixed seeds). Writes, all floats as repr (shortest round-trip, exact):

  agg_proto_series.csv     t, ts_ms, y: a monthly seasonal series with a level shift, fed to the prototype's
                           Forecaster (H = 3, default configuration) tick by tick
  agg_proto_forecasts.csv  per tick t and step h (0-based) the forecast the Forecaster pushed on its pending ring:
                           built (0: persistence warm-up, 1: aggregated), s, base, awake (bit k = expert k),
                           f_0..f_{K-1} (experts' forecasts, inputs), w_0..w_{K-1}, raw, final, norm, lo, hi
                           (the prototype's Aggregator(ML-Poly) weights, raw aggregate, shrunk forecast, conformal
                           normaliser and interval); the warm-up rows carry only final, norm, lo, hi (inputs then)
  agg_proto_mlpoly.csv     Aggregator(K, 'mlpol') alone on random inputs with random sleeping patterns:
                           t, y, s, awake, f_0..f_{K-1} (inputs), w_0..w_{K-1}, agg (expected)
  agg_proto_conformal.csv  Conformal alone, heavy tails, a large gamma and a run of exact forecasts (the ACI
                           level leaves [0, 1] on both sides):
                           t, fallback, fc, y (inputs), norm, half, alpha (expected; alpha after learning)
  agg_proto_conformal_meta.csv  the Conformal configuration and the prototype's warm-up count
  agg_proto_shrink.csv     the final shrink (code extracted verbatim from Forecaster.step, it is inline there):
                           t, raw, base, y, s (inputs), g (expected gain before learning)
"""
import csv
import math
import os
import sys
import importlib.util

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), *(['..'] * 6)))  # the repository
PROTO = os.environ.get('FORECAST_PROTO', os.path.join(ROOT, 'tools', 'forecast_proto.py'))

spec = importlib.util.spec_from_file_location('forecast_proto', PROTO)
fp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fp)


def r(x):
    return repr(float(x))


def write(name, header, rows):
    with open(os.path.join(HERE, name), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)


def mask(awake):
    return str(sum(1 << k for k, a in enumerate(awake) if a))


# ------------------------------------------------------------------------------------------------------------------
# A. The Forecaster end to end (H = 3): the aggregation, shrink and conformal inputs and outputs on its pending ring
# ------------------------------------------------------------------------------------------------------------------
def forecaster_run():
    H = 3
    n = 160
    rng = np.random.default_rng(20240601)
    day = 86400000
    t0 = 1262304000000  # 2010-01-01
    ts = [t0 + 30 * day * i for i in range(n)]          # monthly spacing: m = 12, K = 12
    e = np.zeros(n)
    for i in range(1, n):
        e[i] = 0.5 * e[i - 1] + rng.normal(0.0, 1.0)
    y = [100.0 + 0.08 * i + 6.0 * math.sin(2 * math.pi * i / 12 + 0.3) + e[i] + (8.0 if i >= 110 else 0.0)
         for i in range(n)]
    fc = fp.Forecaster(H=H)
    series, rows = [], []
    K = None
    for i in range(n):
        fc.step(ts[i], y[i])
        series.append([str(i), str(ts[i]), r(y[i])])
        p = fc.pending[0]
        if p['agg_w'] is None:
            for h in range(H):
                rows.append([str(i), str(h), '0', r(p['scale']), r(y[i]), '0']
                            + (['nan'] * (2 * 12 + 1)) + [r(p['fc'][h]), r(p['norm'][h]), r(p['lo'][h]), r(p['hi'][h])])
            continue
        K = len(fc.names)
        assert K == 12, fc.names
        for h in range(H):
            preds = p['preds'][:, h]
            rows.append([str(i), str(h), '1', r(p['scale']), r(p['base']), mask(p['awake'])]
                        + [r(v) for v in preds] + [r(v) for v in p['agg_w'][h]]
                        + [r(p['raw'][h]), r(p['fc'][h]), r(p['norm'][h]), r(p['lo'][h]), r(p['hi'][h])])
    write('agg_proto_series.csv', ['t', 'ts', 'y'], series)
    write('agg_proto_forecasts.csv',
          ['t', 'h', 'built', 's', 'base', 'awake'] + ['f%d' % k for k in range(12)] + ['w%d' % k for k in range(12)]
          + ['raw', 'final', 'norm', 'lo', 'hi'], rows)
    return fc


# ------------------------------------------------------------------------------------------------------------------
# B1. Aggregator(ML-Poly) alone
# ------------------------------------------------------------------------------------------------------------------
def mlpoly_run():
    K, T = 8, 500
    rng = np.random.default_rng(7)
    agg = fp.Aggregator(K, 'mlpol', np.ones(K))
    awake = np.ones(K, bool)
    bias = rng.normal(0.0, 1.0, K)
    noise = np.abs(rng.normal(0.5, 0.4, K)) + 0.05
    level = 0.0
    rows = []
    for t in range(T):
        if t == T // 2:
            bias = rng.normal(0.0, 1.0, K)           # the best expert changes
        flip = rng.random(K) < 0.05
        awake = np.where(flip, ~awake, awake)
        awake[0] = True                                # one expert always awake
        s = 0.5 + rng.random()
        level += rng.normal(0.0, 1.0)
        yv = level + rng.normal(0.0, 0.5)
        preds = level + bias + noise * rng.normal(0.0, 1.0, K)
        preds = np.where(awake, preds, np.nan)         # sleeping experts have no forecast
        w = agg.weights(awake)
        p = float(w @ np.where(awake, preds, 0.0))
        rows.append([str(t), r(yv), r(s), mask(awake)] + [r(v) for v in preds] + [r(v) for v in w] + [r(p)])
        agg.learn(w, preds, awake, yv, s)
    write('agg_proto_mlpoly.csv', ['t', 'y', 's', 'awake'] + ['f%d' % k for k in range(K)]
          + ['w%d' % k for k in range(K)] + ['agg'], rows)


# ------------------------------------------------------------------------------------------------------------------
# B2. Conformal alone
# ------------------------------------------------------------------------------------------------------------------
def conformal_run():
    level, window, gamma, hl, T = 0.8, 40, 0.3, 10, 1000
    rng = np.random.default_rng(11)
    conf = fp.Conformal(level, window, gamma, hl)
    rows = []
    for t in range(T):
        fallback = 0.0 if t == 0 else 0.5 + rng.random()   # normaliser 0 at t = 0: that score is skipped
        sd = 1.0 if t < 400 else (6.0 if t < 700 else 0.3)
        fcv = rng.normal(0.0, 5.0)
        yv = fcv + sd * rng.standard_t(3)
        if 850 <= t < 880:
            yv = fcv                                          # exact forecasts: the ACI level climbs above 1
        nu = conf.norm(fallback)
        half = conf.half(fallback)
        conf.learn(yv - fcv, fcv - half, fcv + half, yv, nu)
        rows.append([str(t), r(fallback), r(fcv), r(yv), r(nu), r(half), r(conf.alpha_t)])
    write('agg_proto_conformal.csv', ['t', 'fallback', 'fc', 'y', 'norm', 'half', 'alpha'], rows)
    nmin = int(math.ceil(1.0 / (1 - level))) - 1                    # as Conformal.half computes it
    nmin_default = int(math.ceil(1.0 / (1 - 0.9))) - 1
    write('agg_proto_conformal_meta.csv', ['level', 'window', 'gamma', 'half_life', 'warmup_z', 'min_scores',
                                           'min_scores_at_0_9'],
          [[r(level), str(window), r(gamma), str(hl), r(1.645), str(nmin), str(nmin_default)]])


# ------------------------------------------------------------------------------------------------------------------
# B3. The final shrink: extracted from Forecaster.step (the two statements that use self.shr)
# ------------------------------------------------------------------------------------------------------------------
def shrink_gain(shr, c):            # Forecaster.step, "if c['shrink']:" block
    sxy, sxx, syy, nn = shr
    if sxx > 0 and nn >= 3:
        gh = sxy / sxx
        s2 = max(syy - gh * sxy, 1e-300) / (nn - 1)
        T2 = gh * gh * sxx / s2
        g = gh * max(0.0, 1.0 - c / T2) if T2 > 0 else 0.0
        g = min(1.0, max(0.0, g))
    else:
        g = 0.0                      # c['shrink_init']
    return g


def shrink_learn(shr, raw, base, y, scale, rho=1.0):   # Forecaster.step, "if p.get('raw') is not None:" block
    dlt = raw - base; a = y - base
    return rho * shr + np.array([a * dlt / scale ** 2, dlt * dlt / scale ** 2, a * a / scale ** 2, 1.0])


def shrink_run():
    T = 600
    rng = np.random.default_rng(5)
    shr = np.zeros(4)
    base = 50.0
    rows = []
    for t in range(T):
        s = 0.5 + rng.random()
        d = rng.normal(0.0, 1.0)
        informative = 0.0 if t < 250 else 0.7         # a random walk first, then a partly learnable change
        a = informative * d + rng.normal(0.0, 1.0)
        raw = base + d
        yv = base + a
        g = shrink_gain(shr, 2.0)
        rows.append([str(t), r(raw), r(base), r(yv), r(s), r(g)])
        shr = shrink_learn(shr, raw, base, yv, s)
        base = yv
    write('agg_proto_shrink.csv', ['t', 'raw', 'base', 'y', 's', 'g'], rows)


if __name__ == '__main__':
    forecaster_run()
    mlpoly_run()
    conformal_run()
    shrink_run()
    sys.stderr.write('wrote agg_proto_*.csv in %s\n' % HERE)
