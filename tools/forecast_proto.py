#!/usr/bin/env python3
"""tickcast online forecaster prototype.  One command:  python3 proto.py  [--ablations]

Strictly online / prequential: Forecaster.step(ts_ms, value) first scores the pending forecasts whose
actuals just arrived, learns, then returns the forecasts (and 90% intervals) for the next H values.
Deterministic (no randomness inside the forecaster; the generated sine uses a seeded RNG).
"""
import csv, json, math, os, sys, time
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the repository
# The development series sit beside the checkout (../shared/data/bench); TICKCAST_BENCH overrides.
BENCH = os.environ.get('TICKCAST_BENCH', os.path.join(ROOT, '..', 'shared', 'data', 'bench'))
EUSTOCK = os.path.join(ROOT, 'src', 'main', 'resources', 'data', 'eustockmarkets.csv')

DEFAULT = dict(
    H=1,                 # horizon
    ring=400,            # values kept per symbol
    period=0,            # 0 = infer
    acf_k=2,             # seasonality test only with >= acf_k*m values
    acf_z=1.645,         # one-sided 95% Bartlett test
    acf_latch=False,     # once confirmed, the period stays in use
    season_test='f',     # 'f' (ANOVA F on phase means of differences) | 'acf' | 'none' (always on)
    f_on=0.01, f_off=0.10,
    scale_hl=50.0,       # half-life of the change scale (ticks)
    fam_rho=1.0,         # discount of the within-family SSE (1 = cumulative = online grid MLE)
    fam_select='min',    # 'min' = leader of the family by discounted SSE
    agg='mlpol',         # 'boa' | 'mlpol' | 'ewa' | 'ftl' | 'uniform'
    agg_prior_persist=0.0,  # extra prior mass on persistence (0 = uniform prior)
    holt_betas=(0.02, 0.1, 0.3),
    hw_grid=((0.05, 0.2, 0.4, 0.7, 0.9), (0.0, 0.05, 0.2), (0.98,), (0.01, 0.1, 0.3)),
    use_ets=True, use_ar=True, use_seasonal=True, use_log=True, use_drift=True, use_snaive=True,
    ar_lambda=1.0,       # RLS forgetting
    ar_delta=1.0,        # RLS prior precision (P0 = I/delta) in reference-scale units
    ar_rw_prior=False,
    ar_family=True, ar_orders=(1, 2, 3, 5),   # level AR: prior mean = random walk
    level=0.9,
    conf_window=100,     # residual scores kept per step
    aci_gamma=0.03,      # ACI step
    res_hl=30.0,         # half-life of the EW RMS of the aggregate's residuals (score normaliser)
    gate=False, gate_eta=1.0, gate_rho=1.0,   # 2-expert EWA between persistence and the aggregate
    expert_shrink=False, expert_shrink_c=2.0,  # per-expert positive-part JS shrink towards persistence
    shrink=True,         # final LS shrinkage of the aggregate's change towards persistence
    shrink_rho=1.0, shrink_init=0.0, shrink_c=2.0,
)

# ----------------------------------------------------------------------------------------------------
# Seasonal period
# ----------------------------------------------------------------------------------------------------
DAY = 86400e3


def period_from_spacing(d_ms):
    """Candidate period from the median spacing of the timestamps (ms)."""
    if d_ms <= 0:
        return 1
    if d_ms < 0.9 * 3600e3:                      # sub-hourly -> ticks per day
        return int(round(DAY / d_ms))
    if d_ms < 1.5 * 3600e3:                      # hourly
        return 24
    if 0.9 * DAY <= d_ms < 1.5 * DAY:            # daily
        return 7
    if 6 * DAY <= d_ms <= 8 * DAY:               # weekly
        return 52
    if 28 * DAY <= d_ms <= 31 * DAY:             # monthly
        return 12
    if 89 * DAY <= d_ms <= 92 * DAY:             # quarterly
        return 4
    return 1                                     # annual, irregular, other


def f_seasonal_pvalue(x, m):
    """One-way ANOVA F-test of the phase means of the first differences (stable seasonality):
    F = [sum_j n_j (mean_j - mean)^2 / (m-1)] / [sum_j sum_i (d_ij - mean_j)^2 / (N-m)] ~ F(m-1, N-m)."""
    from scipy.special import betainc
    d = np.diff(np.asarray(x, float)); N = len(d)
    if m < 2 or N < m + 2: return 1.0
    ph = (np.arange(N) + (len(x) - 1)) % m      # phase relative to the newest value (any fixed origin works)
    cnt = np.bincount(ph, minlength=m).astype(float)
    sm = np.bincount(ph, weights=d, minlength=m)
    mu = sm / np.maximum(cnt, 1); g = d.mean()
    between = float(np.sum(cnt * (mu - g) ** 2)) / (m - 1)
    within = float(np.sum((d - mu[ph]) ** 2)) / (N - m)
    if within <= 0: return 0.0 if between > 0 else 1.0
    F = between / within
    d1, d2 = m - 1.0, N - m
    return float(betainc(d2 / 2, d1 / 2, d2 / (d2 + d1 * F)))   # survival function of F(d1, d2)


def acf_seasonal_test(x, m, k, z):
    """Bartlett test on the first differences of x: r_m > z*sqrt((1+2*sum_{j<m} r_j^2)/N), N >= k*m."""
    d = np.diff(np.asarray(x, float))
    N = len(d)
    if m < 2 or N < k * m:
        return False
    d = d - d.mean()
    c0 = float(d @ d)
    if c0 <= 0:
        return False
    r = np.array([float(d[:N - j] @ d[j:]) / c0 for j in range(1, m + 1)])
    lim = z * math.sqrt((1.0 + 2.0 * float(r[:m - 1] @ r[:m - 1])) / N)
    return r[m - 1] > lim


# ----------------------------------------------------------------------------------------------------
# Experts.  Each: update(y) (called with every new value, after scoring), forecast(H) -> array of H
# levels or None (not ready).  Families (grids) return K forecasts and have a leader.
# ----------------------------------------------------------------------------------------------------
class Persistence:
    name = 'persist'
    def __init__(self): self.y = None
    def update(self, y, hist): self.y = y
    def forecast(self, H): return np.full(H, self.y)


class SeasonalNaive:
    name = 'snaive'
    def __init__(self, m): self.m = m; self.hist = None
    def update(self, y, hist): self.hist = hist
    def forecast(self, H):
        m = self.m; n = len(self.hist)
        if n < m: return None
        return np.array([self.hist[n - m + ((h - 1) % m)] for h in range(1, H + 1)])


class Drift:
    """Random walk with drift: mean change over all the history (y_t - y_0)/t (R's rwf(drift=TRUE))."""
    name = 'drift'
    def __init__(self): self.y0 = None; self.y = None; self.n = 0
    def update(self, y, hist):
        if self.y0 is None: self.y0 = y
        self.y = y; self.n += 1
    def forecast(self, H):
        if self.n < 3: return None
        b = (self.y - self.y0) / (self.n - 1)
        return self.y + b * np.arange(1, H + 1)


class ETSGrid:
    """Additive exponential smoothing, error-correction form, damped trend, optional additive season,
    K parameter settings run side by side (vectorised).  log=True: on log(y) (multiplicative), forecast
    back-transformed by exp (median)."""

    def __init__(self, name, alphas, betas, phis, gammas, m, log):
        grid = [(a, b * a, p, g) for a in alphas for b in betas for p in phis for g in gammas
                if (m <= 1 or g <= 1 - a + 1e-12)]
        self.name = name
        self.A = np.array([g[0] for g in grid]); self.B = np.array([g[1] for g in grid])
        self.P = np.array([g[2] for g in grid]); self.G = np.array([g[3] for g in grid])
        self.K = len(grid); self.m = m if m > 1 else 0; self.log = log
        self.trend = max(betas) > 0
        self.l = None; self.b = None; self.s = None; self.t = 0  # seasonal ring index
        self.dead = False

    def _tr(self, y):
        if self.log:
            if not (y > 0): self.dead = True; return 0.0
            return math.log(y)
        return y

    def update(self, y, hist):
        if self.dead: return
        z = self._tr(y)
        if self.dead: return
        m = self.m
        if self.l is None:
            if m == 0:
                self.l = np.full(self.K, z); self.b = np.zeros(self.K); return
            if len(hist) < 2 * m: return
            # initialise from the first 2m values: two cycle means -> level & slope; phase means -> season
            w = np.array(hist[-2 * m:], float)
            if self.log:
                if np.any(w <= 0): self.dead = True; return
                w = np.log(w)
            c1, c2 = w[:m].mean(), w[m:].mean()
            slope = (c2 - c1) / m
            tt = np.arange(2 * m) - (2 * m - 1) / 2.0
            det = w - ((c1 + c2) / 2 + slope * tt)
            seas = 0.5 * (det[:m] + det[m:]); seas -= seas.mean()
            lvl = (c1 + c2) / 2 + slope * tt[-1]
            self.l = np.full(self.K, lvl)
            self.b = np.full(self.K, slope) if self.trend else np.zeros(self.K)
            self.s = np.tile(seas, (self.K, 1))     # s[:, j] = season of phase j; next value has phase 0
            self.t = 0
            return
        phib = self.P * self.b
        if m:
            sj = self.s[:, self.t]
            e = z - (self.l + phib + sj)
            self.s[:, self.t] = sj + self.G * e
            self.t = (self.t + 1) % m
        else:
            e = z - (self.l + phib)
        self.l = self.l + phib + self.A * e
        self.b = phib + self.B * e

    def forecast_all(self, H):
        """K x H forecasts, or None."""
        if self.dead or self.l is None: return None
        out = np.empty((self.K, H))
        damp = np.zeros(self.K); pw = np.ones(self.K)
        for h in range(H):
            pw = pw * self.P; damp = damp + pw
            f = self.l + damp * self.b
            if self.m: f = f + self.s[:, (self.t + h) % self.m]
            out[:, h] = f
        if self.log:
            out = np.exp(np.clip(out, -700, 700))
        return out


class RLSAR:
    """Online AR by recursive least squares with forgetting, on a transform of the series:
    kind 'level' (y), 'diff' (y_t - y_{t-1}), 'sdiff' (y_t - y_{t-m}), 'dsdiff' (both).
    Regressors: 1, the last p transformed values and (for seasonal kinds) the transformed value m back.
    Inputs are divided by a reference scale fixed at initialisation (conditioning only)."""

    def __init__(self, name, kind, p, m, lam, slag=False, delta=1.0, rw_prior=False):
        self.name = name; self.kind = kind; self.p = p; self.m = m; self.lam = lam; self.slag = slag
        self.lags = list(range(1, p + 1)) + ([m] if slag and m > 1 else [])
        self.d = 1 + len(self.lags)
        self.theta = np.zeros(self.d); self.Pm = np.eye(self.d) / delta
        if rw_prior and kind == 'level': self.theta[1] = 1.0   # prior mean: random walk
        self.ref = None; self.zh = []  # transformed history (needs max lag values)
        self.hist = None; self.nupd = 0
        self.maxlag = max(self.lags)
        self.off = {'level': 0, 'loglevel': 0, 'diff': 1, 'sdiff': m, 'dsdiff': m + 1}[kind]
        self.dead = False

    def _z(self, hist, i):
        """transformed value at index i of hist (i >= off)"""
        k = self.kind
        if k == 'level': return hist[i]
        if k == 'loglevel': return math.log(hist[i]) if hist[i] > 0 else float('nan')
        if k == 'diff': return hist[i] - hist[i - 1]
        if k == 'sdiff': return hist[i] - hist[i - self.m]
        return hist[i] - hist[i - 1] - hist[i - self.m] + hist[i - self.m - 1]

    def _x(self, z):
        return np.array([1.0] + [z[-l] / self.ref for l in self.lags])

    def update(self, y, hist):
        self.hist = hist
        n = len(hist)
        if n - 1 < self.off: return
        if self.kind == 'loglevel' and not (y > 0): self.dead = True
        if self.dead: return
        if self.ref is None:
            if n < 8 + self.off: return
            if self.kind == 'loglevel':
                if min(hist[-8:]) <= 0: self.dead = True; return
                d = np.diff(np.log(np.asarray(hist[-8:], float)))
            else:
                d = np.diff(np.asarray(hist[-8:], float))
            self.ref = float(np.sqrt(np.mean(d * d))) or (abs(y) + 1.0)
            self.zh = [self._z(hist, i) for i in range(self.off, n - 1)]
        z_new = self._z(hist, n - 1)
        if len(self.zh) >= self.maxlag:
            x = self._x(self.zh)
            Px = self.Pm @ x
            k = Px / (self.lam + x @ Px)
            self.theta = self.theta + k * (z_new / self.ref - x @ self.theta)
            self.Pm = (self.Pm - np.outer(k, Px)) / self.lam
            self.nupd += 1
        self.zh.append(z_new)
        if len(self.zh) > self.maxlag + 1: self.zh.pop(0)

    def forecast(self, H):
        if self.dead or self.ref is None or self.nupd < self.d + 2: return None
        z = list(self.zh); ys = list(self.hist[-(self.m + 2):]) if self.m > 1 else list(self.hist[-2:])
        out = np.empty(H)
        for h in range(H):
            zf = float(self._x(z) @ self.theta) * self.ref
            z.append(zf)
            k = self.kind
            if k == 'level': yf = zf
            elif k == 'loglevel': yf = math.exp(max(-700, min(700, zf)))
            elif k == 'diff': yf = ys[-1] + zf
            elif k == 'sdiff': yf = ys[-self.m] + zf
            else: yf = zf + ys[-1] + ys[-self.m] - ys[-self.m - 1]
            ys.append(yf); out[h] = yf
        return out


class ARFamily:
    """A family of RLS autoregressions of one kind and several orders p; ready when all members are."""
    def __init__(self, name, kind, orders, m, lam, slag, delta, rw_prior=False):
        self.name = name
        self.members = [RLSAR(f'{name}{p}', kind, p, m, lam, slag=slag, delta=delta, rw_prior=rw_prior) for p in orders]
        self.K = len(self.members)
    def update(self, y, hist):
        for e in self.members: e.update(y, hist)
    def forecast_all(self, H):
        out = [e.forecast(H) for e in self.members]
        if any(o is None for o in out): return None
        return np.array(out)


# ----------------------------------------------------------------------------------------------------
# Aggregators (per horizon step), convex weights over awake experts, losses normalised by scale^2.
# ----------------------------------------------------------------------------------------------------
class Aggregator:
    def __init__(self, K, kind, prior):
        self.K = K; self.kind = kind
        self.w0 = np.asarray(prior, float) / np.sum(prior)
        self.R = np.zeros(K); self.Rreg = np.zeros(K); self.V = np.zeros(K); self.B = 0.0
        self.L = np.zeros(K)           # cumulative normalised squared loss (ewa/ftl)
        self.n = 0
        self.eta_ewa = None

    def weights(self, awake):
        a = awake.astype(float)
        if self.kind == 'uniform':
            w = self.w0 * a
        elif self.kind == 'ftl':
            L = np.where(awake, self.L, np.inf); w = np.zeros(self.K); w[int(np.argmin(L))] = 1.0
        elif self.kind == 'ewa':
            # exponentially weighted average, adaptive eta = sqrt(8 ln K / n) on losses in [0, ~1]
            eta = 2.0 if self.n == 0 else min(2.0, math.sqrt(8 * math.log(max(2, self.K)) / self.n))
            Lm = np.where(awake, self.L, np.inf)
            lo = Lm.min(); w = self.w0 * np.exp(-eta * (Lm - lo)) * a
        elif self.kind == 'mlpol':
            eta = np.where(self.V > 0, 1.0 / np.maximum(self.V, 1e-300), 0.0)
            w = eta * np.maximum(self.R, 0.0) * a
            if w.sum() <= 0: w = self.w0 * a
        else:  # boa
            with np.errstate(divide='ignore'):
                eta = np.where(self.V > 0, np.minimum(1.0 / (2 * max(self.B, 1e-300)),
                                                      np.sqrt(np.log(1.0 / self.w0) / np.maximum(self.V, 1e-300))),
                               0.0)
            x = eta * self.Rreg
            x = np.where(awake, x, -np.inf); mx = x.max()
            w = np.where(awake, np.maximum(eta, 1e-12) * np.exp(x - mx) * self.w0, 0.0)
            if not (w.sum() > 0): w = self.w0 * a
        return w / w.sum()

    def learn(self, w, preds, awake, y, scale):
        """preds: K forecasts made for this y (NaN for sleeping), w: weights used."""
        p = np.where(awake, preds, 0.0)
        agg = float(w @ p)
        s2 = scale * scale
        fk = np.where(awake, preds, agg)                    # sleeping experts "predict" the aggregate
        g = 2.0 * (agg - y) / s2 * scale                    # gradient of normalised square loss (x scale)
        r = g * (agg - fk) / scale                          # linearised regret (scale-free)
        self.L += ((fk - y) / scale) ** 2
        self.n += 1
        if self.kind == 'mlpol':
            self.R += r; self.V += r * r
        elif self.kind == 'boa':
            self.B = max(self.B, float(np.max(np.abs(r))))
            self.V += r * r
            with np.errstate(divide='ignore'):
                eta = np.where(self.V > 0, np.minimum(1.0 / (2 * max(self.B, 1e-300)),
                                                      np.sqrt(np.log(1.0 / self.w0) / np.maximum(self.V, 1e-300))),
                               0.0)
            self.Rreg += r - eta * r * r


# ----------------------------------------------------------------------------------------------------
# Conformal intervals (per horizon step): locally normalised, windowed split conformal + ACI level.
# ----------------------------------------------------------------------------------------------------
class Conformal:
    def __init__(self, level, window, gamma, hl):
        self.level = level; self.alpha_t = 1 - level; self.gamma = gamma; self.window = window
        self.scores = []; self.sres = None; self.nres = 0
        self.a = 1 - 2 ** (-1.0 / hl)

    def norm(self, fallback):
        return self.sres if (self.sres is not None and self.nres >= 5) else fallback

    def half(self, scale_fallback):
        s = self.norm(scale_fallback)
        n = len(self.scores)
        nmin = int(math.ceil(1.0 / (1 - self.level))) - 1          # 9 for level 0.9
        if n < nmin:
            return 1.645 * s * 1.25   # warm-up: normal interval, inflated (estimated scale)
        a = min(max(self.alpha_t, 1.0 / (n + 1)), 1.0)
        q = 1 - a
        rank = int(math.ceil((n + 1) * q))
        srt = sorted(self.scores)
        if rank > n: return srt[-1] * s * 1.0 if a > 0 else float('inf')
        return srt[max(rank, 1) - 1] * s

    def learn(self, err, lo, hi, y, norm_used):
        # score normalised by the residual scale in use when the forecast was made
        if not (norm_used > 0 and math.isfinite(norm_used)): return
        self.scores.append(abs(err) / norm_used)
        if len(self.scores) > self.window: self.scores.pop(0)
        miss = 0.0 if (lo <= y <= hi) else 1.0
        if len(self.scores) > int(math.ceil(1.0 / (1 - self.level))):
            self.alpha_t += self.gamma * ((1 - self.level) - miss)
        e2 = err * err
        self.nres += 1
        if self.sres is None: self.sres2 = e2
        else:
            a = max(self.a, 1.0 / self.nres)
            self.sres2 = (1 - a) * self.sres2 + a * e2
        self.sres = math.sqrt(self.sres2)


# ----------------------------------------------------------------------------------------------------
# The forecaster
# ----------------------------------------------------------------------------------------------------
class Forecaster:
    def __init__(self, cfg=None, **kw):
        c = dict(DEFAULT); c.update(cfg or {}); c.update(kw); self.c = c
        self.H = c['H']
        self.hist = []; self.ts = []
        self.n = 0
        self.m_cand = None; self.m = 1; self.season_on = False
        self.experts = None
        self.scale_mean = 0.0; self.scale_var = 0.0; self.nchg = 0
        self.pending = []   # list of (age-indexed) dicts
        self.positive = True
        self.conf = [Conformal(c['level'], c['conf_window'], c['aci_gamma'], c['res_hl']) for _ in range(self.H)]

    # --- setup once the candidate period is known ----------------------------------------------------
    def _build(self):
        c = self.c; m = self.m_cand
        E = []; F = []
        E.append(Persistence())
        if c['use_snaive'] and m > 1: E.append(SeasonalNaive(m))
        if c['use_drift']: E.append(Drift())
        if c['use_ets']:
            alphas = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0]
            F.append(ETSGrid('ses', alphas, [0.0], [1.0], [0.0], 1, False))
            F.append(ETSGrid('holt', [0.1, 0.3, 0.5, 0.7, 0.9, 1.0], c['holt_betas'], [0.8, 0.9, 0.98, 1.0], [0.0], 1, False))
            if c['use_log']:
                F.append(ETSGrid('lholt', [0.1, 0.3, 0.5, 0.7, 0.9, 1.0], [0.02, 0.1, 0.3], [0.9, 0.98, 1.0], [0.0], 1, True))
            if c['use_seasonal'] and m > 1:
                F.append(ETSGrid('hw', *c['hw_grid'], m, False))
                if c['use_log']:
                    F.append(ETSGrid('lhw', *c['hw_grid'], m, True))
        if c['use_ar']:
            lam = c['ar_lambda']
            dl, rw = c['ar_delta'], c['ar_rw_prior']
            if c['ar_family']:
                od = c['ar_orders']
                F.append(ARFamily('ar_d', 'diff', od, m, lam, False, dl))
                F.append(ARFamily('ar_l', 'level', od, m, lam, False, dl, rw))
                if c.get('use_ar_log', True): F.append(ARFamily('ar_ll', 'loglevel', od, m, lam, False, dl))
                if c['use_seasonal'] and m > 1:
                    F.append(ARFamily('ar_sd', 'sdiff', [1, 2], m, lam, True, dl))
                    F.append(ARFamily('ar_dsd', 'dsdiff', [1, 2], m, lam, True, dl))
            else:
                E.append(RLSAR('ar_d', 'diff', 3, m, lam, delta=dl))
                E.append(RLSAR('ar_l', 'level', 3, m, lam, delta=dl, rw_prior=rw))
                if c['use_seasonal'] and m > 1:
                    E.append(RLSAR('ar_sd', 'sdiff', 2, m, lam, slag=True, delta=dl))
                    E.append(RLSAR('ar_dsd', 'dsdiff', 2, m, lam, slag=True, delta=dl))
        self.single = E; self.fams = F
        self.names = [e.name for e in E] + [f.name for f in F]
        self.seasonal = np.array([e.name in ('snaive', 'ar_sd', 'ar_dsd') for e in E] + [f.name in ('hw', 'lhw', 'ar_sd', 'ar_dsd') for f in F])
        K = len(self.names)
        prior = np.ones(K); prior[0] += c['agg_prior_persist']
        self.agg = [Aggregator(K, c['agg'], prior) for _ in range(self.H)]
        self.famL = [[np.zeros(f.K) for f in F] for _ in range(self.H)]
        self.experts = True
        self.es = np.zeros((self.H, 4, K))   # per-expert JS-shrink stats [Sxy, Sxx, Syy, n]
        self.gate = np.zeros((self.H, 2))  # [L_agg, L_persist] per step
        self.shr = np.zeros((self.H, 4))   # [S_xy, S_xx, S_yy, n] per step

    def scale(self):
        return math.sqrt(self.scale_var + self.scale_mean ** 2) if self.nchg >= 2 else float('nan')

    def step(self, ts, y):
        c = self.c; H = self.H
        # 1. score pending forecasts (forecast made `age` ticks ago for step age+1)
        if self.hist:
            for age, p in enumerate(self.pending):
                h = age
                if h >= H: continue
                if p['agg_w'] is not None:
                    self.agg[h].learn(p['agg_w'][h], p['preds'][:, h], p['awake'], y, p['scale'])
                    for fi, fp in enumerate(p['fam']):
                        if fp is not None:
                            L = self.famL[h][fi]
                            L *= c['fam_rho']; L += ((fp[:, h] - y) / p['scale']) ** 2
                if p.get('rawpreds') is not None:
                    aw = p['awake']; base = p['base']; sc2 = p['scale'] ** 2
                    dl = np.where(aw, p['rawpreds'][:, h] - base, 0.0); a = y - base
                    E = self.es[h]
                    E[0] += aw * a * dl / sc2; E[1] += dl * dl / sc2; E[2] += aw * a * a / sc2; E[3] += aw
                if p.get('raw') is not None:
                    self.gate[h] = c['gate_rho'] * self.gate[h] + np.array([((p['raw'][h] - y) / p['scale']) ** 2,
                                                                            ((p['base'] - y) / p['scale']) ** 2])
                    dlt = p['raw'][h] - p['base']; a = y - p['base']
                    rho = c['shrink_rho']
                    self.shr[h] = rho * self.shr[h] + np.array([a * dlt / p['scale'] ** 2, dlt * dlt / p['scale'] ** 2, a * a / p['scale'] ** 2, 1.0])
                self.conf[h].learn(y - p['fc'][h], p['lo'][h], p['hi'][h], y, p['norm'][h])
            chg = y - self.hist[-1]
            self.nchg += 1
            a = max(1 - 2 ** (-1.0 / c['scale_hl']), 1.0 / self.nchg)
            d = chg - self.scale_mean; self.scale_mean += a * d
            self.scale_var = (1 - a) * (self.scale_var + a * d * d)
        # 2. append
        self.hist.append(y); self.ts.append(ts)
        if len(self.hist) > c['ring']: self.hist.pop(0); self.ts.pop(0)
        self.n += 1
        if not (y > 0): self.positive = False
        # 3. period
        if self.m_cand is None and (self.n >= 6 or False):
            if c['period'] > 0: self.m_cand = c['period']
            else:
                sp = np.diff(np.array(self.ts[:6], float))
                self.m_cand = period_from_spacing(float(np.median(sp)))
            if self.m_cand > c['ring'] // (c['acf_k'] + 1): self.m_cand = 1
            self._build()
        if self.experts is None:
            return self._persistence_out(y)
        m = self.m_cand
        if m > 1 and not (self.season_on and c['acf_latch']):
            if c['period'] > 0 and c.get('trust_explicit', True):
                self.season_on = True
            elif c['season_test'] == 'none':
                self.season_on = self.n >= 2 * m
            elif c['season_test'] == 'acf':
                if self.n % max(1, math.ceil(m / 4)) == 0 or self.season_on:
                    self.season_on = acf_seasonal_test(self.hist, m, c['acf_k'], c['acf_z'])
            elif self.n % m == 0 and self.n >= c['acf_k'] * m:
                pv = f_seasonal_pvalue(self.hist, m)
                self.season_on = pv < c['f_on'] if not self.season_on else pv < c['f_off']
        # 4. experts learn
        hist = self.hist
        for e in self.single: e.update(y, hist)
        for f in self.fams: f.update(y, hist)
        # 5. forecast
        K = len(self.names)
        preds = np.full((K, H), np.nan); awake = np.zeros(K, bool)
        for i, e in enumerate(self.single):
            f = e.forecast(H)
            if f is not None and np.all(np.isfinite(f)):
                preds[i] = f; awake[i] = True
        fam_out = []
        ns = len(self.single)
        for fi, fam in enumerate(self.fams):
            fa = fam.forecast_all(H)
            fam_out.append(fa)
            if fa is None or not np.all(np.isfinite(fa)): continue
            for h in range(H):
                L = self.famL[h][fi]
                preds[ns + fi, h] = fa[int(np.argmin(L)), h]
            awake[ns + fi] = True
        if m > 1 and not self.season_on:
            awake &= ~self.seasonal
        s = self.scale()
        if not (s > 0): s = max(abs(y) * 1e-3, 1e-9)
        rawpreds = None
        if c['expert_shrink']:
            rawpreds = preds.copy()
            for h in range(H):
                Sxy, Sxx, Syy, nn = self.es[h]
                with np.errstate(divide='ignore', invalid='ignore'):
                    gh = np.where(Sxx > 0, Sxy / np.where(Sxx > 0, Sxx, 1), 0.0)
                    s2 = np.maximum(Syy - gh * Sxy, 1e-300) / np.maximum(nn - 1, 1)
                    T2 = gh * gh * Sxx / s2
                    g = np.where((nn >= 3) & (T2 > 0), gh * np.maximum(0.0, 1.0 - c['expert_shrink_c'] / np.where(T2 > 0, T2, 1)), 0.0)
                g = np.clip(g, 0.0, 1.0); g[0] = 1.0
                preds[:, h] = np.where(awake, y + g * (preds[:, h] - y), np.nan)
        fc = np.empty(H); lo = np.empty(H); hi = np.empty(H); norm = np.empty(H); raw = np.empty(H)
        ws = []
        for h in range(H):
            w = self.agg[h].weights(awake)
            ws.append(w)
            fc[h] = float(w @ np.where(awake, preds[:, h], 0.0))
            raw[h] = fc[h]
            if c['gate']:
                La, Lp = self.gate[h]
                eta = c['gate_eta']
                if eta == float('inf'): g = 1.0 if La <= Lp else 0.0
                else: g = 1.0 / (1.0 + math.exp(max(-700, min(700, eta * (La - Lp)))))
                fc[h] = y + g * (fc[h] - y)
            if c['shrink']:
                sxy, sxx, syy, nn = self.shr[h]
                if sxx > 0 and nn >= 3:
                    gh = sxy / sxx
                    s2 = max(syy - gh * sxy, 1e-300) / (nn - 1)
                    T2 = gh * gh * sxx / s2
                    g = gh * max(0.0, 1.0 - c['shrink_c'] / T2) if T2 > 0 else 0.0
                    g = min(1.0, max(0.0, g))
                else:
                    g = c['shrink_init']
                fc[h] = y + g * (fc[h] - y)
            nf = s * math.sqrt(h + 1)
            norm[h] = self.conf[h].norm(nf)
            half = self.conf[h].half(nf)
            lo[h] = fc[h] - half; hi[h] = fc[h] + half
        self.pending.insert(0, dict(agg_w=ws, preds=preds, awake=awake, fam=fam_out, scale=s, raw=raw, rawpreds=rawpreds, base=y,
                                    fc=fc, lo=lo, hi=hi, norm=norm))
        if len(self.pending) > H: self.pending.pop()
        self.last_w = ws[0]
        return fc, lo, hi

    def _persistence_out(self, y):
        H = self.H
        fc = np.full(H, y); s = self.scale()
        half = 1.645 * 1.25 * s * np.sqrt(np.arange(1, H + 1)) if s > 0 else np.full(H, abs(y) * 0.1 + 1e-9)
        self.pending.insert(0, dict(agg_w=None, preds=None, awake=None, fam=[], scale=s, fc=fc, lo=fc - half,
                                    hi=fc + half, norm=(half / 1.645 / 1.25)))
        if len(self.pending) > H: self.pending.pop()
        return fc, fc - half, fc + half


# ----------------------------------------------------------------------------------------------------
# Data & scoring
# ----------------------------------------------------------------------------------------------------
def to_ms(s):
    s = s.strip().replace('Z', '')
    return int(np.datetime64(s, 'ms').astype(np.int64))


def load_series(path):
    out = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            out.setdefault(r['symbol'], ([], []))
            out[r['symbol']][0].append(to_ms(r['ts'])); out[r['symbol']][1].append(float(r['value']))
    return out


def load_baseline(sym):
    rows = list(csv.DictReader(open(os.path.join(BENCH, 'baselines', sym + '.csv'))))
    t = np.array([int(r['t']) for r in rows])
    g = lambda k: np.array([float(r[k]) if r[k] not in ('NA', '') else np.nan for r in rows])
    return dict(t=t, actual=g('actual'), persistence=g('persistence'), snaive=g('snaive'), arima=g('arima'), ets=g('ets'))


def run_series(ts, vals, cfg):
    fc = Forecaster(cfg)
    n = len(vals)
    F = np.full(n, np.nan); LO = np.full(n, np.nan); HI = np.full(n, np.nan)
    for i in range(n):
        f, lo, hi = fc.step(ts[i], vals[i])
        if i + 1 < n:
            F[i + 1] = f[0]; LO[i + 1] = lo[0]; HI[i + 1] = hi[0]
    return F, LO, HI, fc


def rmse(a, b): return float(np.sqrt(np.mean((a - b) ** 2)))


def bench(cfg, verbose=True):
    cat = json.load(open(os.path.join(BENCH, 'catalog.json')))
    res = {}
    for sym in sorted(cat):
        data = load_series(os.path.join(BENCH, cat[sym]['file']))[sym]
        F, LO, HI, fo = run_series(data[0], data[1], cfg)
        b = load_baseline(sym); t = b['t']; y = np.array(data[1])[t]
        assert np.allclose(y, b['actual'])
        r = rmse(F[t], y)
        rp = rmse(b['persistence'], y)
        rs = rmse(b['snaive'], y) if np.all(np.isfinite(b['snaive'])) and cat[sym]['period'] > 1 else np.nan
        rbest = min(rmse(b['arima'], y), rmse(b['ets'], y))
        inside = (y >= LO[t]) & (y <= HI[t])
        res[sym] = dict(n_tgt=len(t), rel_p=r / rp, rel_s=r / rs if rs == rs else None, rel_best=r / rbest,
                        best_over_p=rbest / rp, cov=float(inside.mean()), width=float(np.mean(HI[t] - LO[t])),
                        width_rel=float(np.mean(HI[t] - LO[t]) / rp), inside=int(inside.sum()), m=fo.m_cand,
                        season=bool(fo.season_on), lead=fo.names[int(np.argmax(fo.last_w))] if fo.experts else '-',
                        lead_w=float(np.max(fo.last_w)) if fo.experts else 0)
    rb = np.array([v['rel_best'] for v in res.values()])
    summ = dict(gmean_best=float(np.exp(np.mean(np.log(rb)))), n_le_best=int(np.sum(rb <= 1.0)),
                n_le_p=int(sum(v['rel_p'] <= 1.0 for v in res.values())),
                pooled_cov=sum(v['inside'] for v in res.values()) / sum(v['n_tgt'] for v in res.values()),
                cov_ok=all(0.87 <= v['cov'] <= 0.93 for v in res.values() if v['n_tgt'] >= 100))
    if verbose:
        print(f"{'symbol':16s} {'n':>4s} {'m':>3s} {'seas':>4s} {'/pers':>6s} {'/snaive':>7s} {'/best':>6s} {'best/p':>6s} {'cov':>5s} {'width':>9s}  lead")
        for s, v in res.items():
            print(f"{s:16s} {v['n_tgt']:4d} {v['m']:3d} {str(v['season'])[0]:>4s} {v['rel_p']:6.3f} "
                  f"{(('%7.3f' % v['rel_s']) if v['rel_s'] else '      -')} {v['rel_best']:6.3f} {v['best_over_p']:6.3f} "
                  f"{v['cov']:5.2f} {v['width']:9.4g}  {v['lead']} {v['lead_w']:.2f}")
        print('SUMMARY', json.dumps(summ))
    return res, summ


def sine_test(cfg, verbose=True):
    rng = np.random.default_rng(12345)
    n = 3000; phase = 0.7
    t = np.arange(n)
    vals = 20 + 5 * np.sin(2 * np.pi * t / 24 + phase) + rng.normal(0, 1, n)
    ts = [1_700_000_000_000 + i * 3600_000 for i in range(n)]
    F, LO, HI, fo = run_series(ts, list(vals), cfg)
    r = rmse(F[-2000:], vals[-2000:])
    cov = float(np.mean((vals[-2000:] >= LO[-2000:]) & (vals[-2000:] <= HI[-2000:])))
    if verbose: print(f'SINE rmse(last 2000) = {r:.4f} (floor 1.0, target <= 1.10) cov={cov:.3f} m={fo.m_cand} season={fo.season_on}')
    return r, cov


def eustock_test(cfg, verbose=True):
    data = load_series(EUSTOCK)
    out = {}
    for sym, (ts, v) in data.items():
        F, LO, HI, fo = run_series(ts, v, cfg)
        v = np.array(v)
        mase = float(np.mean(np.abs(F[1:] - v[1:])) / np.mean(np.abs(v[1:] - v[:-1])))
        cov = float(np.mean((v[2:] >= LO[2:]) & (v[2:] <= HI[2:])))
        out[sym] = (mase, cov, fo.m_cand, fo.season_on)
    if verbose: print('EUSTOCK MASE', {k: (round(a, 4), round(c, 3), m, s) for k, (a, c, m, s) in out.items()})
    return out


def all_tests(cfg, verbose=True):
    t0 = time.time()
    res, summ = bench(cfg, verbose)
    sr, sc = sine_test(cfg, verbose)
    eu = eustock_test(cfg, verbose)
    if verbose: print(f'time {time.time() - t0:.1f}s')
    return dict(summary=summ, sine=sr, sine_cov=sc, eustock={k: v[0] for k, v in eu.items()}, per=res)


ABLATIONS = [
    ('default', {}),
    ('no final JS shrink', dict(shrink=False)),
    ('final shrink c=1.5', dict(shrink_c=1.5)),
    ('final shrink c=1', dict(shrink_c=1.0)),
    ('aggregator BOA', dict(agg='boa')),
    ('aggregator EWA', dict(agg='ewa')),
    ('aggregator FTL (best expert)', dict(agg='ftl')),
    ('aggregator uniform mean', dict(agg='uniform')),
    ('no ETS experts', dict(use_ets=False)),
    ('no AR experts', dict(use_ar=False)),
    ('AR single order (p=3/2)', dict(ar_family=False)),
    ('no log-scale ETS', dict(use_log=False)),
    ('no drift expert', dict(use_drift=False)),
    ('no seasonal experts (period off)', dict(use_seasonal=False, use_snaive=False)),
    ('season always on (no F test)', dict(season_test='none')),
    ('season ACF/Bartlett test', dict(season_test='acf', acf_k=3, acf_latch=True)),
    ('family SSE discount 0.98', dict(fam_rho=0.98)),
    ('ACI gamma 0.01, window 200', dict(aci_gamma=0.01, conf_window=200)),
]


def ablations():
    rows = []
    for name, cfg in ABLATIONS:
        r = all_tests(cfg, verbose=False)
        s = r['summary']
        over = [k for k, v in r['per'].items() if v['rel_p'] > 1.0]
        line = (f"| {name} | {s['gmean_best']:.4f} | {s['n_le_best']} | {s['n_le_p']} | {s['pooled_cov']:.3f} | "
                f"{'yes' if s['cov_ok'] else 'no'} | {r['sine']:.3f} | {max(r['eustock'].values()):.4f} | {', '.join(over)} |")
        print(line, flush=True); rows.append(line)
    return rows


if __name__ == '__main__':
    if '--ablations' in sys.argv:
        print('| variant | gmean RMSE/best(R) | <= best | <= persistence | pooled cov | per-series cov ok | sine RMSE | max EU MASE | > persistence |')
        print('|---|---|---|---|---|---|---|---|---|')
        ablations()
    else:
        r = all_tests({})
        print('EUSTOCK MASE exact', {k: f'{v:.6f}' for k, v in r['eustock'].items()})
