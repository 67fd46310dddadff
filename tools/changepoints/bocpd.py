"""Bayesian online change point detection (Adams & MacKay 2007), online with defaults, for issue 21.

Segment model: conjugate Bayesian linear regression (Normal-Inverse-Gamma) of y_t on features known before y_t:
  lin   : [1, x]               x = t - (run start), a level and a slope per segment, iid noise
  ar    : [1, y_{t-1}-ref]     an AR(1) with its own intercept per segment (smooth curves are one segment)
  arlin : [1, x, y_{t-1}-ref]
  ar2   : [1, y_{t-1}-ref, y_{t-2}-ref]   (an AR(2) can follow a sine)
  const : [1]
Each run is centred at ref = the value just before its first point (y_{start-1}), so a new run's prior says
"the level continues" with a broad intercept prior (sd `vi` sigma) around it.

Empirical Bayes, recomputed every `every` ticks from the data seen so far (the last W values, y_t excluded): the
noise scale s2 = robust (1.4826 MAD)^2 of the first differences / 2 ("diff"), of the residuals of one line ("line": the
scale of the plot) or of one AR(1)'s innovations ("ar"); the prior on sigma^2 is Inverse-Gamma(a0', a0'*s2) with
a0' = min(a0, a0frac * values seen) (the prior never outweighs the data it came from); the AR coefficient's prior
mean is the window's lag-1 autocorrelation (`temper=3`: of the residuals of one line), Yule-Walker for "ar2".
Every run's posterior is recomputed from its sufficient statistics under the current prior (plug-in empirical Bayes).
Predictive: Student-t.  `temper` 1/2: each predictive log-density is multiplied by w = (1-rho)/(1+rho) (>= wmin),
rho the lag-1 autocorrelation of the window (2: of one line's residuals): a power likelihood for AR(1) residuals.
Hazard 1/lam.  Run lengths capped at R: slot R-1 means "no change in the last R points" and keeps the stats of
the last R points (a sliding window), so the cost per tick is O(R d^2) whatever the series' length.

Decision (causal, never revised): with c the last confirmed change (0 at start), the mass M_t of run lengths k
(points in the current run, y_t included) with L <= k and start d = t-k+1 >= c+m is the probability that a change
happened after c+m and at least L-1 ticks ago.  A change is confirmed at t when M_t >= p for h consecutive ticks; its
date is the start d of the most probable such k (`rule="loc"`: the mass within +-lw of one date instead).
`and_`: a second model run beside it whose change mass must also be >= p2.  Batched over series (axis 0).
Run: python3 bocpd.py feat=lin how=line a0=20 a0frac=0.1 p=0.99 temper=2 wmin=0.33 [b.feat=arlin b.how=diff p2=0.3] v
(`v` prints each series); bocpd_measure.py [series per null kind] [variant letters] gives README's table.
"""
import numpy as np

FEATS = {"const": 1, "lin": 2, "ar": 2, "arlin": 3, "ar2": 3}


def _feat(kind, x, ylag_c, ylag2_c=None):
    """features (B,R,d) for local index x (B,R) and centred lags ylag_c, ylag2_c (B,R)."""
    one = np.ones_like(x)
    if kind == "ar2":
        return np.stack([one, ylag_c, ylag2_c], -1)
    if kind == "const":
        return one[..., None]
    if kind == "lin":
        return np.stack([one, x], -1)
    if kind == "ar":
        return np.stack([one, ylag_c], -1)
    return np.stack([one, x, ylag_c], -1)


def _robvar(r, axis=-1):
    med = np.median(r, axis=axis, keepdims=True)
    return (1.4826 * np.median(np.abs(r - med), axis=axis)) ** 2


def scale(win, how):
    """empirical noise variance of each row of win (B,w)."""
    if how == "diff":
        return _robvar(np.diff(win, axis=1)) / 2
    if how == "ar":  # innovations of one AR(1) fitted to the window (lag-1 autocorrelation)
        dv = win - win.mean(1, keepdims=True)
        rho = (dv[:, 1:] * dv[:, :-1]).sum(1) / np.maximum((dv * dv).sum(1), 1e-300)
        return _robvar(dv[:, 1:] - np.clip(rho, -1, 1)[:, None] * dv[:, :-1])
    w = win.shape[1]
    tt = np.arange(w) - (w - 1) / 2
    b = (win * tt).sum(1) / (tt * tt).sum()
    r = win - win.mean(1, keepdims=True) - b[:, None] * tt
    return _robvar(r)


def tlogpdf(z2, s2, nu):
    """log Student-t density of a residual with z2 = resid^2, scale^2 s2, dof nu (arrays)."""
    from scipy.special import gammaln  # noqa (fallback below if scipy missing)
    return (gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * np.log(nu * np.pi * s2)
            - (nu + 1) / 2 * np.log1p(z2 / (nu * s2)))


try:
    import scipy.special  # noqa
except ImportError:  # pragma: no cover
    from math import lgamma
    _lg = np.vectorize(lgamma)

    def tlogpdf(z2, s2, nu):
        return (_lg((nu + 1) / 2) - _lg(nu / 2) - 0.5 * np.log(nu * np.pi * s2)
                - (nu + 1) / 2 * np.log1p(z2 / (nu * s2)))


DEFAULTS = dict(feat="lin", lam=100.0, R=200, a0=5.0, vi=25.0, vs=0.01, vphi=0.1, phi0=None,
                how="diff", W=300, a0frac=1.0, hist=0, rule="any", lw=2, wmin=0.0, every=5, p=0.9, h=1, L=3, m=3, temper=False, warm=3)


def _filter(Y, o):
    """yields (t, P) per tick t >= 1: P (B,R) the run-length posterior, slot j = j+1 points in the run."""
    B, n = Y.shape
    Y = np.atleast_2d(np.asarray(Y, float)); B, n = Y.shape
    d = FEATS[o["feat"]]; R = int(o["R"]); lH = np.log(1 / o["lam"]); lG = np.log1p(-1 / o["lam"])
    a0 = o["a0"]
    # per-run sufficient statistics (slots 0..R-1 = runs of 1..R points)
    XtX = np.zeros((B, R, d, d)); Xty = np.zeros((B, R, d)); yty = np.zeros((B, R)); nn = np.zeros((B, R))
    ref = np.zeros((B, R)); logP = np.full((B, R), -np.inf)
    V0i = np.zeros(d)
    V0i[0] = 1 / o["vi"]
    if o["feat"] in ("lin", "arlin"):
        V0i[1] = 1 / o["vs"]
    if o["feat"] in ("ar", "arlin"):
        V0i[-1] = 1 / o["vphi"]
    if o["feat"] == "ar2":
        V0i[1] = V0i[2] = 1 / o["vphi"]
    V0i = np.diag(V0i)
    s2 = np.ones(B); phi0 = np.zeros(B); phi02 = np.zeros(B); w = np.ones(B)
    for t in range(n):
        yt = Y[:, t]; yl = Y[:, t - 1] if t > 0 else Y[:, 0]; yl2 = Y[:, t - 2] if t > 1 else yl
        if t >= o["warm"] and (t % o["every"] == 0 or t == o["warm"]):
            win = Y[:, max(0, t - o["W"]):t]  # values before y_t
            s2 = np.maximum(scale(win, o["how"]), 1e-12 * (1 + np.abs(win).mean(1)) ** 2)
            if o["feat"] in ("ar", "arlin", "ar2") or o["temper"]:
                dv = win - win.mean(1, keepdims=True)
                if o["temper"] in (2, 3):  # autocorrelation of the residuals of one line (detrended)
                    tt = np.arange(win.shape[1]) - (win.shape[1] - 1) / 2
                    dv = dv - ((dv * tt).sum(1) / max((tt * tt).sum(), 1e-300))[:, None] * tt
                rho = (dv[:, 1:] * dv[:, :-1]).sum(1) / np.maximum((dv * dv).sum(1), 1e-300)
                rho2 = (dv[:, 2:] * dv[:, :-2]).sum(1) / np.maximum((dv * dv).sum(1), 1e-300)
                if o["feat"] == "ar2":  # Yule-Walker AR(2) as the lag coefficients' prior means
                    r1 = np.clip(rho, -0.99, 0.99); den = 1 - r1 * r1
                    phi0 = r1 * (1 - rho2) / den; phi02 = (rho2 - r1 * r1) / den
                rho = np.clip(rho, 0, 0.99)
                if o["feat"] != "ar2":
                    phi0 = rho if o["phi0"] is None else np.full(B, o["phi0"])
                if o["temper"] in (1, 2):  # 3: the detrended rho only as the AR prior mean
                    w = np.maximum((1 - rho) / (1 + rho), o["wmin"])
        if t == 0:
            logP[:, 0] = 0.0; nn[:, 0] = 1; ref[:, 0] = yt
            f = _feat(o["feat"], np.zeros((B, 1)), np.zeros((B, 1)), np.zeros((B, 1)))[:, 0]
            XtX[:, 0] = f[:, :, None] * f[:, None, :]; Xty[:, 0] = f * 0; yty[:, 0] = 0
            continue
        # prior mean in centred coordinates
        m0 = np.zeros((B, d))
        if o["feat"] in ("ar", "arlin"):
            m0[:, -1] = phi0
        if o["feat"] == "ar2":
            m0[:, 1] = phi0; m0[:, 2] = phi02
        a0 = min(o["a0"], max(1.0, o["a0frac"] * min(t, o["W"])))  # the prior weighs at most a share of its data
        b0 = a0 * s2
        # predictive of existing runs (slots) and of a new run (index R)
        x = nn.copy()
        xs = np.concatenate([x, np.zeros((B, 1))], 1)
        refs = np.concatenate([ref, yl[:, None]], 1)
        f = _feat(o["feat"], xs, yl[:, None] - refs, yl2[:, None] - refs)  # (B,R+1,d)
        A = np.concatenate([XtX, np.zeros((B, 1, d, d))], 1) + V0i  # posterior precision (sigma^2 units)
        c = np.concatenate([Xty, np.zeros((B, 1, d))], 1) + (V0i @ m0[:, :, None])[:, None, :, 0]
        dg = np.einsum("brii->bri", A)
        A = A + np.eye(d) * (1e-10 * dg.max(-1))[..., None, None]  # numerical guard, lags on a large level
        Vn = np.linalg.inv(A)
        mn = np.einsum("brij,brj->bri", Vn, c)
        yy = np.concatenate([yty, np.zeros((B, 1))], 1) + np.einsum("bi,ij,bj->b", m0, V0i, m0)[:, None]
        an = a0 + np.concatenate([nn, np.zeros((B, 1))], 1) / 2
        bn = b0[:, None] + 0.5 * np.maximum(yy - np.einsum("bri,bri->br", mn, c), 0)
        mu = np.einsum("bri,bri->br", f, mn)
        sc = bn / an * (1 + np.einsum("bri,brij,brj->br", f, Vn, f))
        lp = tlogpdf((yt[:, None] - refs - mu) ** 2, sc, 2 * an)
        lp = lp * w[:, None]
        # message passing
        grow = logP + lG + lp[:, :R]
        cp = np.logaddexp.reduce(logP, axis=1) + lH + lp[:, R]
        new = np.empty_like(logP)
        new[:, 0] = cp
        new[:, 1:] = grow[:, :-1]
        new[:, R - 1] = np.logaddexp(grow[:, R - 2], grow[:, R - 1])
        new -= np.logaddexp.reduce(new, axis=1)[:, None]
        # statistics: slot j <- slot j-1 + (f, y_t); slot 0 <- new run
        fy = f[:, :R]; yc = (yt[:, None] - ref)
        gX = XtX + fy[..., :, None] * fy[..., None, :]; gy = Xty + fy * yc[..., None]; gyy = yty + yc * yc
        f0 = f[:, R]; y0 = yt - yl
        XtX[:, 1:] = gX[:, :-1]; Xty[:, 1:] = gy[:, :-1]; yty[:, 1:] = gyy[:, :-1]
        nn[:, 1:] = nn[:, :-1] + 1; ref[:, 1:] = ref[:, :-1]
        XtX[:, 0] = f0[:, :, None] * f0[:, None, :]; Xty[:, 0] = f0 * y0[:, None]; yty[:, 0] = y0 * y0
        nn[:, 0] = 1; ref[:, 0] = yl
        logP = new
        yield t, np.exp(logP)


def _mass(P, t, last, o):
    """mass of a change after last+m and >= L-1 ticks ago, and the most probable such start date."""
    R = P.shape[1]
    k = np.arange(1, R + 1)  # points in run
    start = t - k + 1
    ok = (k[None, :] >= o["L"]) & (start[None, :] >= last[:, None] + o["m"]) & (k[None, :] < R)
    Q = np.where(ok, P, 0)
    if o["rule"] == "any":  # P(some change after last+m, >= L-1 ticks ago)
        return Q.sum(1), start[np.argmax(np.where(ok, P, -1), 1)]
    # "loc": the mass within +-lw of one date (a localised change), maximised over the date
    lw = o["lw"]; c = np.concatenate([np.zeros((Q.shape[0], 1)), np.cumsum(Q, 1)], 1)
    j = np.arange(R); lo = np.maximum(j - lw, 0); hi = np.minimum(j + lw + 1, R)
    loc = c[:, hi] - c[:, lo]
    i = np.argmax(loc, 1)
    Qi = np.where(np.abs(j[None, :] - i[:, None]) <= lw, Q, -1)
    return loc[np.arange(Q.shape[0]), i], start[np.argmax(Qi, 1)]


def run(Y, and_=None, p2=0.5, **kw):
    """Y (B,n). Returns per series (dates, signal ticks), and the mean number of run lengths with P>1e-6.
    and_: the options of a second model (e.g. an AR segment model) whose change mass must also be >= p2 (the date
    is the first model's)."""
    o = dict(DEFAULTS); o.update(kw)
    Y = np.atleast_2d(np.asarray(Y, float)); B, n = Y.shape
    last = np.zeros(B, int); streak = np.zeros(B, int)
    dates = [[] for _ in range(B)]; sigs = [[] for _ in range(B)]
    kept = 0.0
    f1 = _filter(Y, o)
    if and_ is not None:
        o2 = dict(DEFAULTS); o2.update(and_); f2 = _filter(Y, o2)
    for t, P in f1:
        kept += (P > 1e-6).sum() / B
        M, best = _mass(P, t, last, o)
        hit = (M >= o["p"]) & (t >= o["hist"])
        if and_ is not None:
            _, P2 = next(f2)
            kept += (P2 > 1e-6).sum() / B
            M2, _ = _mass(P2, t, last, o)
            hit &= M2 >= p2
        streak = np.where(hit, streak + 1, 0)
        for b in np.nonzero(streak >= o["h"])[0]:
            dates[b].append(int(best[b])); sigs[b].append(t); last[b] = best[b]; streak[b] = 0
    return dates, sigs, kept / max(n - 1, 1)


# ---------------------------------------------------------------- evaluation
def dev(verbose=False, **kw):
    from proto import AV, DATA, ann, f_measure, covering
    F = []; C = []; us = None; rows = []
    for s in AV:
        y = DATA[s]; nn_ = len(y)
        dts, sg, _ = run(y[None, :], **kw)
        cps = sorted({c for c in dts[0] if 1 <= c <= nn_ - 2})
        f = f_measure(ann[s], cps); c = covering(ann[s], cps, nn_)
        F.append(f); C.append(c)
        z = (f_measure(ann[s], []), covering(ann[s], [], nn_))
        rows.append((s, nn_, f, c, z[0], z[1], cps, sg[0]))
        if s == "us_population":
            us = len(sg[0])
        if verbose:
            print(f"  {s:20s} n={nn_:4d} F1 {f:.3f} (zero {z[0]:.3f}) cover {c:.3f} (zero {z[1]:.3f}) dates {cps} signals {sg[0]}")
    return np.mean(F), np.mean(C), us, rows


def gen(kind, B, ticks, seed, at=-1, size=0.0):
    """BreakBench.series(kind, ...) in NumPy (another RNG; same definitions)."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((B, ticks))
    shift = np.zeros(ticks)
    if at >= 0:
        shift[at:] = size
    if kind == "rw":
        return 100 + np.cumsum(z, 1) + shift
    if kind == "seasonal":
        ph = rng.random(B) * 24
        t = np.arange(ticks)
        return 20 + 5 * np.sin(2 * np.pi * (t[None, :] + ph[:, None]) / 24) + shift + z
    phi = float(kind[2:])
    e = np.zeros((B, ticks)); prev = np.zeros(B)
    for t in range(ticks):
        prev = phi * prev + z[:, t]; e[:, t] = prev
    return 20 + shift + e


def nulls(B=200, ticks=1000, kinds=("ar0", "ar0.5", "ar0.9", "rw", "seasonal"), **kw):
    out = {}
    for i, kd in enumerate(kinds):
        d, s, kept = run(gen(kd, B, ticks, 1000 + i), **kw)
        out[kd] = (np.mean([len(x) > 0 for x in s]), kept)
    return out


def power(B=200, ticks=1000, at=500, size=3.0, tol=50, **kw):
    d, s, _ = run(gen("ar0", B, ticks, 7, at, size), **kw)
    det = []; early = 0
    for ss in s:
        if any(x < at for x in ss):
            early += 1; continue
        hit = [x - at for x in ss if at <= x <= at + tol]
        det.append(hit[0] if hit else None)
    found = [x for x in det if x is not None]
    return len(found) / max(len(det), 1), (float(np.median(found)) if found else None), early / B


if __name__ == "__main__":
    import sys, time
    def parse(args):
        kw = {}
        for a in args:
            k, v = a.split("=")
            kw[k] = v if k in ("feat", "how", "rule") else (int(v) if k in ("temper", "R", "h", "L", "m", "W", "every", "warm",
                                                                   "hist") else float(v))
        return kw
    kw = parse(a for a in sys.argv[1:] if "=" in a and not a.startswith("b."))
    b = parse(a[2:] for a in sys.argv[1:] if a.startswith("b."))
    if b:
        kw["and_"] = b
    t0 = time.time()
    F, C, us, rows = dev("v" in sys.argv, **kw)
    print(f"{kw} F1 {F:.3f} cover {C:.3f} us_population signals {us}  ({time.time()-t0:.0f}s)", flush=True)
    if "null" in sys.argv:
        B = 100 if "quick" in sys.argv else 200
        print("  nulls (fraction with any signal, mean run lengths with P>1e-6):", nulls(B=B, **kw), flush=True)
        print("  power 3 sd at 500 of ar0 (detected<=50, median delay, early):", power(B=B, **kw), flush=True)


def short(B=200, ticks=40, at=20, size=3.0, **kw):
    """a 3 sd level shift at tick 20 of a 40-tick ar0 series: fraction with a change dated within 5 of it; and the
    fraction of 40-tick ar0 nulls with any signal."""
    d, s, _ = run(gen("ar0", B, ticks, 11, at, size), **kw)
    found = np.mean([any(abs(x - at) <= 5 for x in dd) for dd in d])
    d0, s0, _ = run(gen("ar0", B, ticks, 12), **kw)
    return float(found), float(np.mean([len(x) > 0 for x in s0]))
