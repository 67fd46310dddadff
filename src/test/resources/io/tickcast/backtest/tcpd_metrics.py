"""TCPDBench metrics (van den Burg & Williams 2020, section 4): F1 with a margin and the covering metric.
A transcription of TCPDBench's cpdbench_utils/metrics.py, used as the reference for tickcast's Java code."""
import json, sys

def true_positives(T, X, margin=5):
    X = set(X)
    TP = set()
    for tau in T:
        close = sorted((abs(tau - x), x) for x in X if abs(tau - x) <= margin)
        if not close:
            continue
        _, xstar = close[0]
        TP.add(tau)
        X.remove(xstar)
    return TP

def f_measure(annotations, predictions, margin=5):
    Tks = {k: set(v) | {0} for k, v in annotations.items()}
    X = set(predictions) | {0}
    Tstar = set().union(*Tks.values())
    P = len(true_positives(Tstar, X, margin)) / len(X)
    R = sum(len(true_positives(Tk, X, margin)) / len(Tk) for Tk in Tks.values()) / len(Tks)
    return 0.0 if P + R == 0 else 2 * P * R / (P + R)

def partition(cps, n):
    cuts = sorted(c for c in set(cps) if 0 < c < n)
    bounds = [0] + cuts + [n]
    return [range(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]

def jaccard(a, b):
    inter = max(0, min(a.stop, b.stop) - max(a.start, b.start))
    return inter / (len(a) + len(b) - inter)

def cover_single(S, Sprime, n):
    return sum(len(R) * max(jaccard(R, Rp) for Rp in Sprime) for R in S) / n

def covering(annotations, predictions, n):
    P = partition(predictions, n)
    return sum(cover_single(partition(a, n), P, n) for a in annotations.values()) / len(annotations)

if __name__ == "__main__":
    d = sys.argv[1]
    ann = json.load(open(d + "/annotations.json")); cat = json.load(open(d + "/catalog.json"))
    pub = json.load(open(d + "/published_default_scores.json"))
    for s in sorted(ann):
        n = cat[s]["n"]
        print(s, round(f_measure(ann[s], []), 4), round(covering(ann[s], [], n), 4))
