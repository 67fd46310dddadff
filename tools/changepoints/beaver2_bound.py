"""Issue 21: why BEAVER2's change (obs 39, 15:50) is out of reach of a detector that keeps the random-walk false-alarm
budget (`bench breaks --only calibration`: at most 5 % of 1,000-tick random walks with any signal).

1. Before the change the series cannot be told from a random walk: the Dickey-Fuller regression on obs 1-38
   (y_t on 1, y_{t-1}) gives t = (phi - 1)/se; its 5 % critical value with a constant is about -2.95 at n = 38
   (MacKinnon), so a unit root is not rejected.
2. Under a random walk a level shift is one more increment. The change is a one-tick jump and a ramp; the script
   prints the largest standardised w-tick increment (y_{t+w} - y_t)/(sd * sqrt(w)) of the series, sd the increments'
   sd before the change, against the 95th percentile of the same maximum over 1,000-tick Gaussian random walks
   (2,000 simulations, seed 1).
3. Only the single tick 37 -> 38 stands out, as a one-increment outlier. How often do the development series'
   increments exceed that size (robust z, whole series) where no change is documented: a detector of single
   jumps at BEAVER2's size would signal on them.
4. In the monitor's own units — the self-started q of the AR(1)-with-intercept regime (recursive residual over the
   root mean square of the earlier ones, through Student's t, as BreakMonitor computes it, without the
   bias correction) — the jump is q = 4.20; under the null the q's are iid N(0, 1), so a one-tick test that spends a
   share a of the 5 % budget over 1,000 ticks needs q > Phi^-1(1 - a/1000): 4.26 at a = 1 %, 4.11 at 2 %. Catching the
   jump takes at least 2 % of the budget from the CUSUM, whose threshold at alpha 0.025 already loses GROSSARL
   (docs/breaks.md, the level-watching statistic's table).

    python3 beaver2_bound.py [DATA_DIR]     # default ../../../shared/data/bench, a few seconds
"""
import csv, glob, os, sys
import numpy as np

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/data/bench")


def load(name):
    return np.array([float(r["value"]) for r in csv.DictReader(open(os.path.join(data, name)))])


y = load("beaver2.csv")
pre = y[:38]
X = np.column_stack([np.ones(37), pre[:-1]])
b, *_ = np.linalg.lstsq(X, pre[1:], rcond=None)
r = pre[1:] - X @ b
se = np.sqrt(r @ r / (37 - 2) * np.linalg.inv(X.T @ X)[1, 1])
print(f"1. Dickey-Fuller on obs 1-38: phi {b[1]:.3f}, t {(b[1] - 1) / se:.2f} (5 % critical about -2.95): unit root not rejected")

d = np.diff(y)
sd = np.std(d[:37], ddof=1)
rng = np.random.default_rng(1)
print(f"2. increments' sd before the change {sd:.3f}")
for w in (1, 3, 5, 9, 12):
    z = [(y[i + w] - y[i]) / (sd * np.sqrt(w)) for i in range(len(y) - w)]
    i = int(np.argmax(z))
    mx = []
    for _ in range(2000):
        c = np.concatenate([[0], np.cumsum(rng.standard_normal(1000))])
        mx.append(np.max(np.abs(c[w:] - c[:-w])) / np.sqrt(w))
    q = np.quantile(mx, 0.95)
    print(f"   {w:2d}-tick increments: largest {z[i]:.2f} (from obs {i + 1}); random walk, 1,000 ticks, 95 % of the largest |.|: {q:.2f}"
          f" -> {'exceeds' if z[i] > q else 'within'}")

print("3. one-tick increments beyond BEAVER2's jump (robust z over the whole series):")
zb = None
rows = []
for f in sorted(glob.glob(os.path.join(data, "*.csv"))):
    v = np.array([float(r["value"]) for r in csv.DictReader(open(f))])
    dv = np.diff(v)
    s = 1.4826 * np.median(np.abs(dv - np.median(dv)))
    if s == 0:
        continue
    z = np.abs(dv - np.median(dv)) / s
    rows.append((os.path.basename(f), z))
    if os.path.basename(f) == "beaver2.csv":
        zb = z.max()
for name, z in rows:
    print(f"   {name:22s} largest {z.max():5.1f}, ticks at or above BEAVER2's {zb:.1f}: {int(np.sum(z >= zb))}")

from scipy import stats
ws = []
for t in range(4, 39):  # the last, t = 38, is the jump (obs 38 -> 39)
    X = np.column_stack([np.ones(t - 1), y[:t - 1]])
    XtX = X.T @ X
    beta = np.linalg.solve(XtX, X.T @ y[1:t])
    x = np.array([1.0, y[t - 1]])
    ws.append((y[t] - x @ beta) / np.sqrt(1 + x @ np.linalg.solve(XtX, x)))
prev = np.array(ws[:-1])
q = stats.norm.ppf(stats.t.cdf(ws[-1] / np.sqrt(np.mean(prev ** 2)), len(prev)))
print(f"4. the jump in the monitor's units: q = {q:.2f}; a one-tick test at 1 % / 2 % / 5 % of 1,000 ticks needs "
      + " / ".join(f"{stats.norm.isf(a / 1000):.2f}" for a in (0.01, 0.02, 0.05)))
