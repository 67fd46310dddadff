"""Classify a `bench e2e --profile` collapsed-stack file (the stream threads) by component: each sample goes to the first
rule (in the order below) whose frame text appears anywhere in its stack. Prints a Markdown table of shares.

    python3 tools/perf/classify_stacks.py stream.collapsed

Caveat (docs/performance.md): async-profiler attributes some samples of inlined code to a neighbouring inlined
method; with the break monitor inlined, its q statistic (Hipparchus incomplete beta, inverse erfc) showed up as
`SymbolState.periodInUse`, classified here as season detection. Keep a method out of line
(`-XX:CompileCommand=dontinline,CLASS::METHOD`) to check such a share.
"""
import collections
import sys

rules = [
 ("LSTM fine-tune", ["LstmExpert.learn"]),
 ("LSTM forecast", ["LstmExpert.forecast"]),
 ("output JSON", ["JsonSerde", "OutputWriter", "ShortestDouble"]),
 ("producer send (output and changelog records)", ["KafkaProducer.send", "StreamsProducer.send"]),
 ("commit (cache flush, changelogs, transaction)", ["maybeCommit", "commitTasks", "TaskExecutor.commit", "commitOffsetsOrTransaction", "prepareCommit", "postCommit"]),
 ("consumer poll", ["pollPhase", "pollRequests"]),
 ("tick parsing", ["TickParser", "TickIntake"]),
 ("statistical panel (experts, ML-Poly, shrinks)", ["Panel."]),
 ("break monitor", ["MonitorDetector", "BreakMonitor"]),
 ("season detection", ["Seasonality", "periodInUse"]),
 ("conformal intervals", ["AdaptiveConformal"]),
 ("rolling scores", ["RollingScores"]),
 ("journal, checkpoint codec, stores", ["SymbolStore", "DecodedStates", "RocksDB", "MeteredKeyValueStore", "CachingKeyValueStore"]),
 ("tickcast metrics", ["TickcastMetrics"]),
 ("rest of SymbolState.accept", ["SymbolState.accept"]),
 ("rest of ForecastProcessor", ["ForecastProcessor"]),
 ("Kafka Streams runtime (dispatch, punctuation, metrics)", ["StreamThread", "org/apache/kafka"]),
]
c = collections.Counter(); tot = 0
for line in open(sys.argv[1]):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n); tot += n
    for name, keys in rules:
        if any(k in stack for k in keys):
            c[name] += n; break
    else:
        c["other (JVM, kernel outside these)"] += n
print("samples", tot)
for k, v in c.most_common():
    print(f"| {k} | {100 * v / tot:.1f} % |")
