#!/bin/bash
# The mature-tick matrix of docs/performance.md ("Where issue 24 stands"): `bench e2e` for both guarantees and both
# feeds, with the defaults and with no LSTM, ROUNDS times, interleaved (each round covers every configuration; the
# defaults and the no-LSTM run alternate which goes first). One JSON line per run into OUT; then
#     python3 tools/perf/e2e_matrix_table.py OUT
# prints the table. About 1.8 minutes a run on 2 vCPUs: 3 rounds take 45 minutes.
#
#     tools/perf/e2e_matrix.sh [OUT [ROUNDS [JAR]]]
set -euo pipefail
out=${1:-e2e-matrix.jsonl}
rounds=${2:-3}
jar=${3:-target/tickcast.jar}
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -o -q package -DskipTests)" >&2; exit 2; }
for ((r = 1; r <= rounds; r++)); do
  for g in exactly_once_v2 at_least_once; do
    for f in walk seasonal; do
      if ((r % 2)); then sets="experts.lstm=true experts.lstm=false"; else sets="experts.lstm=false experts.lstm=true"; fi
      for s in $sets; do
        start=$(date -u +%FT%TZ)
        echo "round $r/$rounds: $g, $f, $s ($start)" >&2
        result=$(java -jar "$jar" bench e2e --symbols 50 --ticks 100000 --repeat 3 --warmup-rounds 6 --guarantee "$g" \
            --feed "$f" --passthrough-ticks 100000 --latency-ticks 200 --set "$s" 2>>"$out.log")
        echo "{\"round\":$r,\"set\":\"$s\",\"start\":\"$start\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"result\":$result}" >>"$out"
      done
    done
  done
done
