"""The measurements of bocpd.py's variants reported in README.md: development F1/cover, nulls, power, cost."""
import sys, time, numpy as np
from bocpd import dev, nulls, power, short

VARIANTS = {
    "A lin, plot scale": dict(feat="lin", how="line", a0=20, a0frac=0.1, lam=100, p=0.99, W=300),
    "B arlin, plot scale, detrended AR prior": dict(feat="arlin", how="line", a0=20, a0frac=0.25, hist=20, lam=250,
                                                     p=0.99, vphi=0.01, temper=3),
    "C ar2, diff scale": dict(feat="ar2", how="diff", a0=20, a0frac=0.25, lam=100, p=0.99),
    "D lin, tempered likelihood": dict(feat="lin", how="line", a0=20, a0frac=0.25, hist=20, lam=100, p=0.9, temper=2),
    "E lin, plot scale, tempered likelihood (w >= 1/3)": dict(feat="lin", how="line", a0=20, a0frac=0.1, lam=100, p=0.99,
                                                              temper=2, wmin=0.33),
    "F E and an AR(1)+slope model's change mass >= 0.3": dict(feat="lin", how="line", a0=20, a0frac=0.1, lam=100, p=0.99,
                                                              temper=2, wmin=0.33, p2=0.3,
                                                              and_=dict(feat="arlin", how="diff", a0=20, a0frac=0.25,
                                                                        lam=100)),
}
if __name__ == "__main__":
    B = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    only = sys.argv[2] if len(sys.argv) > 2 else "ABCDEF"
    for name, kw in VARIANTS.items():
        if name[0] not in only:
            continue
        t0 = time.time()
        F, C, us, rows = dev(**kw)
        print(f"## {name}: {kw}\ndev F1 {F:.3f} cover {C:.3f} us_population signals {us}", flush=True)
        for s, n, f, c, zf, zc, cps, sg in rows:
            print(f"  {s:20s} n={n:4d} F1 {f:.3f} (zero {zf:.3f}) cover {c:.3f} (zero {zc:.3f}) dates {cps}")
        nl = nulls(B=B, **kw)
        print("nulls, fraction of 1,000-tick series with any signal (mean run lengths with P>1e-6):",
              {k: (round(float(v[0]), 3), round(float(v[1]), 1)) for k, v in nl.items()}, flush=True)
        pw = power(B=B, **kw)
        print(f"3 sd shift at 500 of ar0: detected within 50 {pw[0]:.3f}, median delay {pw[1]}, "
              f"signalled before the shift {pw[2]:.3f}  ({time.time()-t0:.0f}s)", flush=True)
        print("40-tick ar0, 3 sd shift at 20: found (dated within 5), 40-tick nulls with a signal:", short(B=B, **kw))
