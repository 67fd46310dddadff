"""The table of docs/performance.md ("Mature ticks, both guarantees, both feeds") from tools/perf/e2e_matrix.sh's output,
and the 12x bound beside it: what the LSTM may cost for the forecaster to stay within 12x the pass-through, against
its floor on C2 (the products at C2's best loop rate, the exponentials scalar; JMH figures passed as arguments).

    python3 tools/perf/e2e_matrix_table.py e2e-matrix.jsonl [FMA_NS_PER_8192_FLOP EXP_NS_PER_625]

FMA_NS_PER_8192_FLOP is JMH PeakBench.fma, EXP_NS_PER_625 ExpBench.tickcastExp (defaults: 07 Dec's, 133.8 and 2133).
"""
import collections
import json
import statistics as st
import sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
fma_ns = float(sys.argv[2]) if len(sys.argv) > 2 else 133.768
exp_us = (float(sys.argv[3]) if len(sys.argv) > 3 else 2133.5) / 1000

groups = collections.defaultdict(list)
for run in runs:
    r = run["result"]
    groups[(r["guarantee"], r["feed"], run["set"])].append(r)

print("| guarantee, feed | configuration | forecaster, µs per mature tick (runs; median) | pass-through, µs per record "
      "| ratio (runs; median) | compiler / GC threads, µs per tick |")
print("|---|---|---|---|---|---|")
for (g, f, s), rs in sorted(groups.items()):
    fc = [r["forecaster_stream_cpu_us_per_tick"] for r in rs]
    pt = [r["passthrough_stream_cpu_us_per_tick"] for r in rs]
    ratio = [a / b for a, b in zip(fc, pt)]
    jit = st.median(r["forecaster_jit_cpu_us_per_tick"] for r in rs)
    gc = st.median(r["forecaster_gc_cpu_us_per_tick"] for r in rs)
    print(f"| {g}, {f} | {s} | {', '.join(f'{x:.1f}' for x in fc)}; **{st.median(fc):.1f}** | {min(pt):.2f}–{max(pt):.2f} "
          f"| {', '.join(f'{x:.1f}' for x in ratio)}; **{st.median(ratio):.1f}×** | {jit:.1f} / {gc:.2f} |")
settled = collections.Counter(r["result"]["warmup"]["settled"] for r in runs)
print(f"\nwarm-up settled: {dict(settled)}")

# The LSTM's floor per mature tick at the defaults: two training windows (43,690 multiply-adds and 625 exps each)
# and one forecast window (15,500 multiply-adds, 625 exps), the products at 39 % of the FMA peak (C2's best loop).
c2 = 0.39 * 8192 / fma_ns  # GFLOP/s
floor = 2 * (87.38 / c2 + exp_us) + (31.0 / c2 + exp_us)
print(f"\nLSTM floor on C2: {floor:.1f} µs per tick (products at {c2:.1f} GFLOP/s, 625 exps {exp_us:.2f} µs)")
print("| guarantee, feed | pass-through (median) | no LSTM (median) | what the LSTM may cost for 12× "
      "| ratio with the LSTM at C2's floor | ratio with the exponentials alone |")
print("|---|---|---|---|---|---|")
for g in ("exactly_once_v2", "at_least_once"):
    for f in ("walk", "seasonal"):
        off, on = groups.get((g, f, "experts.lstm=false"), []), groups.get((g, f, "experts.lstm=true"), [])
        if not off or not on:
            continue
        pt = st.median(r["passthrough_stream_cpu_us_per_tick"] for r in off + on)
        rest = st.median(r["forecaster_stream_cpu_us_per_tick"] for r in off)
        room = 12 * pt - rest
        print(f"| {g}, {f} | {pt:.2f} µs | {rest:.1f} µs | {f'{room:.1f} µs' if room > 0 else 'none (< 0)'} "
              f"| ≥ {(rest + floor) / pt:.1f}× | ≥ {(rest + 3 * exp_us) / pt:.1f}× |")
