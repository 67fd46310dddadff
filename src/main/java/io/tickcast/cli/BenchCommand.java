package io.tickcast.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.runtime.Directories;
import io.tickcast.runtime.EmbeddedKafka;
import io.tickcast.runtime.KafkaClients;
import io.tickcast.runtime.Pacer;
import io.tickcast.runtime.Topics;
import io.tickcast.serde.Json;
import io.tickcast.stream.ForecastTopology;
import io.tickcast.synth.Generator;
import io.tickcast.synth.SyntheticFeed;
import io.tickcast.stream.StoreNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code tickcast bench e2e}: end-to-end throughput and latency through a real broker. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.E2e.class, QualityCommand.class, HorizonCommand.class, BreaksBenchCommand.class,
                ChangePointsCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "e2e", mixinStandardHelpOptions = true,
            description = {"Ticks per second end to end through the broker for the forecaster (forecast every tick, "
                    + "fine-tune every train.every ticks) and, in the same run on the same broker, a pass-through "
                    + "topology (source -> sink); then tick-to-forecast latency at a paced rate.",
                    "Prints one JSON object per processing guarantee."})
    static final class E2e implements Callable<Integer> {

        /** 2024-01-01T00:00:00Z in epoch milliseconds: where the load's timestamps start ({@link #ticks}). */
        private static final long FEED_START = 1_704_067_200_000L;

        @Option(names = "--symbols", defaultValue = "50", description = "Symbols (default: ${DEFAULT-VALUE}).")
        int symbols;

        @Option(names = "--ticks", defaultValue = "100000",
                description = "Ticks in the forecaster's throughput phase; rates count the last 80 %% (default: ${DEFAULT-VALUE}).")
        int ticks;

        @Option(names = "--passthrough-ticks", defaultValue = "400000",
                description = "Ticks in the pass-through phase, which is much faster (default: ${DEFAULT-VALUE}).")
        int passthroughTicks;

        @Option(names = "--partitions", defaultValue = "4", description = "Partitions (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--guarantee", split = ",", defaultValue = "at_least_once,exactly_once_v2",
                description = "Processing guarantees to measure (default: ${DEFAULT-VALUE}).")
        List<String> guarantees;

        @Option(names = "--warmup-ticks", defaultValue = "20000",
                description = {"Ticks per topology in each unreported warm-up round (0: no warm-up; default: ${DEFAULT-VALUE})."})
        int warmupTicks;

        @Option(names = "--warmup-rounds", defaultValue = "3",
                description = {"At most this many warm-up rounds; they stop early once the JIT compiler spends less than "
                        + "5 %% of a round compiling, so the measured rounds run compiled code with the compiler idle "
                        + "(default: ${DEFAULT-VALUE})."})
        int warmupRounds;

        @Option(names = "--repeat", defaultValue = "3",
                description = {"Alternating pass-through and forecaster rounds per guarantee; the reported rates are "
                        + "their medians (default: ${DEFAULT-VALUE})."})
        int repeat;

        @Option(names = "--latency-ticks", defaultValue = "1000", description = "Ticks in the latency phase (default: ${DEFAULT-VALUE}).")
        int latencyTicks;

        @Option(names = "--latency-rate", defaultValue = "200", description = "Ticks/s in the latency phase (default: ${DEFAULT-VALUE}).")
        double latencyRate;

        @Option(names = "--restore", description = {"After each forecaster round, start a fresh instance on an empty "
                + "state directory and time its restore of the state from the changelogs, then its first tick of "
                + "every symbol (each loads its checkpoint and replays its journal)."})
        boolean restore;

        @Option(names = "--bootstrap", description = "Use this cluster instead of an embedded broker.")
        String bootstrap;

        /** The load: geometric random walks, or seasonal sensor series whose seasonal experts are on. */
        enum Feed { walk, seasonal }

        @Option(names = "--feed", defaultValue = "walk",
                description = {"The load: 'walk', geometric random walks a minute apart (no season: the panel without its "
                        + "seasonal experts), or 'seasonal', hourly sensor series with a daily season (period 24), "
                        + "noise and a random phase per symbol (the panel with its seasonal experts) (default: ${DEFAULT-VALUE})."})
        Feed feed;

        @Option(names = "--profile", paramLabel = "FILE",
                description = {"Profile the stream threads' CPU with async-profiler over the measured part of every "
                        + "forecaster round and write their collapsed stacks (one 'frame;frame;... count' line per "
                        + "stack, the thread's name first) to FILE, for flame graphs. Needs async-profiler: its asprof "
                        + "or Maven Central's jar (--asprof, else $ASYNC_PROFILER_HOME/bin/asprof, asprof on the PATH, "
                        + "the newest tools.profiler:async-profiler jar in ~/.m2)."})
        Path profile;

        @Option(names = "--asprof", paramLabel = "PATH", description = "async-profiler's asprof launcher, or its jar from Maven Central (tools.profiler:async-profiler:VERSION:jar:linux-x64), for --profile.")
        Path asprof;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a tickcast key for the forecaster.")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (repeat < 1 || ticks < 10 || passthroughTicks < 10) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--repeat must be at least 1, --ticks and --passthrough-ticks at least 10");
            }
            EmbeddedKafka broker = bootstrap == null ? EmbeddedKafka.start(null) : null;
            String servers = broker != null ? broker.bootstrapServers() : bootstrap;
            Path state = Files.createTempDirectory("tickcast-bench-");
            try {
                // One more tick of every symbol after the load: what a restored instance forecasts first.
                List<byte[][]> loadAndNext = ticks(ticks + symbols, 0);
                List<byte[][]> load = loadAndNext.subList(0, ticks);
                List<byte[][]> next = loadAndNext.subList(ticks, ticks + symbols);
                List<byte[][]> passLoad = ticks(passthroughTicks, 2);
                List<byte[][]> paced = ticks(latencyTicks, 1);
                Profiler profiler = profile == null ? null : Profiler.locate(asprof);
                Map<String, Object> warmup = warmUp(servers, state);
                for (String guarantee : guarantees) {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("guarantee", guarantee);
                    result.put("feed", feed.name());
                    result.put("symbols", symbols);
                    result.put("ticks", ticks);
                    result.put("partitions", partitions);
                    // Alternating rounds, medians: the rates of single rounds swing with what else the
                    // machine (and the JIT) is doing; the median of alternating rounds is robust to that.
                    double[] passRates = new double[repeat];
                    double[] fcRates = new double[repeat];
                    double[] passCpu = new double[repeat];
                    double[] fcCpu = new double[repeat];
                    double[] changelog = new double[repeat];
                    double[] changelogOffsets = new double[repeat];
                    double[] fcJit = new double[repeat];
                    double[] fcGc = new double[repeat];
                    double[] passJit = new double[repeat];
                    double[] passGc = new double[repeat];
                    double[] fcPerPoll = new double[repeat];
                    double[] fcPerCommit = new double[repeat];
                    double[] passPerPoll = new double[repeat];
                    double[] passPerCommit = new double[repeat];
                    Round last = null;
                    for (int r = 0; r < repeat; r++) {
                        Round p = throughput(servers, state, guarantee, passLoad, false, null, null);
                        Round f = throughput(servers, state, guarantee, load, true, restore ? next : null, profiler);
                        passRates[r] = p.ticksPerSecond();
                        passCpu[r] = p.streamCpuMicrosPerTick();
                        passJit[r] = p.jitCpuMicrosPerTick();
                        passGc[r] = p.gcCpuMicrosPerTick();
                        fcRates[r] = f.ticksPerSecond();
                        fcCpu[r] = f.streamCpuMicrosPerTick();
                        fcJit[r] = f.jitCpuMicrosPerTick();
                        fcGc[r] = f.gcCpuMicrosPerTick();
                        fcPerPoll[r] = f.recordsPerPoll();
                        fcPerCommit[r] = f.recordsPerCommit();
                        passPerPoll[r] = p.recordsPerPoll();
                        passPerCommit[r] = p.recordsPerCommit();
                        changelog[r] = f.changelogBytesPerTick();
                        changelogOffsets[r] = f.changelogOffsetsPerTick();
                        last = f;
                    }
                    double pass = median(passRates);
                    double fc = median(fcRates);
                    double[] lat = latency(servers, state, guarantee, paced);
                    result.put("forecaster_ticks_per_s", Math.round(fc));
                    result.put("passthrough_ticks_per_s", Math.round(pass));
                    result.put("ratio", round(fc / pass, 1000));
                    result.put("latency_p50_ms", round(lat[0], 1));
                    result.put("latency_p99_ms", round(lat[1], 1));
                    result.put("rounds", repeat);
                    // CPU time of the stream threads per tick, whatever the rest of the machine was doing.
                    double passCpuMedian = median(passCpu);
                    double fcCpuMedian = median(fcCpu);
                    // Absent (not 0) where no round could measure it: a load processed before its progress was sampled.
                    result.put("forecaster_stream_cpu_us_per_tick", round(fcCpuMedian, 100));
                    result.put("passthrough_stream_cpu_us_per_tick", round(passCpuMedian, 100));
                    result.put("stream_cpu_ratio", round(passCpuMedian / fcCpuMedian, 1000));
                    // The JVM's own threads over the same ticks (JvmThreadsCpu): the JIT compiler (near 0 once the
                    // warm-up settled) and the garbage collector, which the stream threads' CPU leaves out.
                    result.put("forecaster_jit_cpu_us_per_tick", round(median(fcJit), 100));
                    result.put("forecaster_gc_cpu_us_per_tick", round(median(fcGc), 100));
                    result.put("passthrough_jit_cpu_us_per_tick", round(median(passJit), 100));
                    result.put("passthrough_gc_cpu_us_per_tick", round(median(passGc), 100));
                    result.put("warmup", warmup);
                    // Records per poll and per commit of the stream threads over the same records (medians): the
                    // runtime's fixed costs per poll and per commit spread over that many records.
                    result.put("forecaster_records_per_poll", round(median(fcPerPoll), 10));
                    result.put("forecaster_records_per_commit", round(median(fcPerCommit), 10));
                    result.put("passthrough_records_per_poll", round(median(passPerPoll), 10));
                    result.put("passthrough_records_per_commit", round(median(passPerCommit), 10));
                    // Bytes appended to the changelog topics per input tick (median over the rounds), and the mean
                    // size of a symbol's record in each store after the last round.
                    result.put("changelog_bytes_per_tick", median(changelog));
                    // Offsets the changelogs advanced by per input tick: records, and under exactly-once the
                    // transactions' markers (one per changelog partition a commit wrote to).
                    result.put("changelog_offsets_per_tick", median(changelogOffsets));
                    result.put("state_bytes_per_symbol", last.stateBytesPerSymbol());
                    // Of the last round: the heap after a full GC with the topology running, and the stores on disk.
                    result.put("heap_used_bytes", last.heapBytes());
                    result.put("rocksdb_bytes", last.rocksDbBytes());
                    if (restore) {
                        result.put("restore", last.restore());
                    }
                    result.put("forecaster_rounds_ticks_per_s", Arrays.stream(fcRates).mapToLong(Math::round).toArray());
                    result.put("passthrough_rounds_ticks_per_s", Arrays.stream(passRates).mapToLong(Math::round).toArray());
                    spec.commandLine().getOut().println(Json.toString(result));
                    spec.commandLine().getOut().flush();
                }
                if (profiler != null) {
                    profiler.write(profile);
                    spec.commandLine().getErr().printf("profile: the stream threads' collapsed stacks in %s%n", profile);
                }
            } finally {
                if (broker != null) {
                    broker.close();
                }
                Directories.deleteRecursively(state);
            }
            return 0;
        }

        /**
         * Runs both topologies on {@code warmupTicks} ticks until the JIT compiler's CPU falls below 5 % of a round's
         * wall time (or {@code warmupRounds} rounds): on a small machine C2 otherwise takes a core for a minute or more
         * while the broker, the clients, Kafka Streams and tickcast get compiled, and that would be measured instead of
         * the steady state. The compiler's CPU is its threads' ({@link JvmThreadsCpu}).
         *
         * @return the rounds run, whether the compiler settled, and its share of each round's wall time
         */
        private Map<String, Object> warmUp(String servers, Path state) throws Exception {
            List<Double> shares = new ArrayList<>();
            boolean settled = false;
            for (int round = 1; round <= warmupRounds && warmupTicks > 0; round++) {
                List<byte[][]> warm = ticks(warmupTicks, 3);
                JvmThreadsCpu.Sample before = JvmThreadsCpu.sample();
                long start = System.nanoTime();
                throughput(servers, state, guarantees.get(0), warm, false, null, null);
                throughput(servers, state, guarantees.get(0), warm, true, null, null);
                double wallNanos = System.nanoTime() - start;
                double share = JvmThreadsCpu.sample().minus(before).jitNanos() / wallNanos;
                shares.add(Math.round(share * 1000) / 1000.0);
                spec.commandLine().getErr().printf("warm-up round %d: JIT compiling %.0f %% of the round%n", round,
                        100 * share);
                if (share < 0.05) {
                    settled = true;
                    break;
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rounds", shares.size());
            m.put("settled", settled);
            m.put("jit_share_per_round", shares);
            return m;
        }

        /** The median of the finite values; NaN if there are none (nothing measured in any round). */
        private static double median(double[] values) {
            double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
            int n = v.length;
            if (n == 0) {
                return Double.NaN;
            }
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }

        /**
         * Geometric random walks for the symbols from 100 (1 % volatility a tick), interleaved, timestamps one
         * minute apart from 2024-01-01 + {@code seed}·10⁹ ms (epoch milliseconds of this century: the tick contract
         * refuses 1970-01-12 .. 1970-04-27, where epoch seconds land); {key, value} bytes.
         */
        List<byte[][]> ticks(int n, long seed) {
            if (feed == Feed.seasonal) {
                return seasonalTicks(n, seed);
            }
            List<String> names = new ArrayList<>(symbols);
            for (int s = 0; s < symbols; s++) {
                names.add(String.format("B%03d", s));
            }
            SyntheticFeed feed = SyntheticFeed.starting(names, 100, FEED_START + seed * 1_000_000_000L, 60_000, 0, 0.01,
                    seed);
            List<byte[][]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                TickCsv.Row r = feed.next();
                out.add(new byte[][] {r.symbol().getBytes(StandardCharsets.UTF_8), r.json().getBytes(StandardCharsets.UTF_8)});
            }
            return out;
        }

        /**
         * Seasonal sensor series ({@link Generator}, kind sensor): 20 + 5·sin(2π(t + phase)/24) plus N(0, 1) noise, a
         * random phase per symbol, hourly from 2024-01-01 + {@code seed}·10⁹ ms, interleaved; {key, value} bytes.
         */
        private List<byte[][]> seasonalTicks(int n, long seed) {
            int perSymbol = (n + symbols - 1) / symbols;
            Generator.Spec spec = new Generator.Spec(Generator.Kind.SENSOR, symbols, perSymbol, seed,
                    java.time.Instant.ofEpochMilli(FEED_START + seed * 1_000_000_000L), Duration.ofHours(1), 1.0, 0.0,
                    0.01, 20.0, 5.0, 24, 0.0, List.of());
            List<byte[][]> out = new ArrayList<>(n);
            for (Generator.Point p : Generator.generate(spec)) {
                if (out.size() == n) {
                    break;
                }
                TickCsv.Row r = p.row();
                out.add(new byte[][] {r.symbol().getBytes(StandardCharsets.UTF_8), r.json().getBytes(StandardCharsets.UTF_8)});
            }
            return out;
        }

        private TickcastConfig config(String servers, String guarantee) {
            String id = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> m = new HashMap<>(overrides);
            m.put(TickcastConfig.BOOTSTRAP_SERVERS, servers);
            m.put(TickcastConfig.APPLICATION_ID, id);
            m.put(TickcastConfig.PROCESSING_GUARANTEE, guarantee);
            m.put(TickcastConfig.TOPIC_TICKS, id + "-ticks");
            m.put(TickcastConfig.TOPIC_FORECASTS, id + "-forecasts");
            m.put(TickcastConfig.TOPIC_BREAKS, id + "-breaks");
            m.put(TickcastConfig.TOPIC_DLQ, id + "-dlq");
            m.put(TickcastConfig.TOPIC_PARTITIONS, partitions);
            m.put(TickcastConfig.TOPIC_REPLICATION, bootstrap == null ? "1" : "-1");
            return TickcastConfig.parse(m);
        }

        private KafkaStreams streams(TickcastConfig c, Path state, boolean forecaster) {
            return streams(c, state, forecaster, new SimpleMeterRegistry());
        }

        private KafkaStreams streams(TickcastConfig c, Path state, boolean forecaster, SimpleMeterRegistry registry) {
            TickcastMetrics metrics = TickcastMetrics.bind(registry, 0);
            Map<String, Object> props = ForecastTopology.streamsProperties(c, metrics);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, c.getString(TickcastConfig.BOOTSTRAP_SERVERS));
            props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
            props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                    ForecastTopology.changelogMaxBytes(c) + 65536);
            Topology t;
            if (forecaster) {
                t = ForecastTopology.build(c, metrics);
            } else {
                StreamsBuilder b = new StreamsBuilder();
                b.stream(c.getString(TickcastConfig.TOPIC_TICKS), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                        .to(c.getString(TickcastConfig.TOPIC_FORECASTS), Produced.with(Serdes.String(), Serdes.ByteArray()));
                t = b.build();
            }
            return new KafkaStreams(t, new StreamsConfig(props));
        }

        /**
         * One round: end-to-end rate and the stream threads' CPU time per tick, both over the counted ticks; for the
         * forecaster also the bytes its changelog topics hold per input tick (all ticks of the round) and the mean
         * size of a symbol's record in each store at its end.
         */
        private record Round(double ticksPerSecond, double streamCpuMicrosPerTick, double jitCpuMicrosPerTick,
                             double gcCpuMicrosPerTick, double changelogBytesPerTick, double changelogOffsetsPerTick,
                             Map<String, Double> stateBytesPerSymbol, long heapBytes, long rocksDbBytes,
                             Map<String, Object> restore, double recordsPerPoll, double recordsPerCommit) {

            static Round passThrough(double ticksPerSecond, double cpu, double jit, double gc, double perPoll,
                                     double perCommit) {
                return new Round(ticksPerSecond, cpu, jit, gc, Double.NaN, Double.NaN, Map.of(), 0, 0, Map.of(),
                        perPoll, perCommit);
            }
        }

        /**
         * The bytes in the partitions of the application's changelog topics, from the brokers' log directories: what
         * was appended to them, as long as nothing was compacted or deleted yet (a round is far shorter than a segment).
         */
        private static long changelogBytes(Admin admin, String applicationId) throws Exception {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            long sum = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription d : dirs.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> r : d.replicaInfos().entrySet()) {
                        String topic = r.getKey().topic();
                        if (topic.startsWith(applicationId + "-") && topic.endsWith("-changelog") && !r.getValue().isFuture()) {
                            sum += r.getValue().size();
                        }
                    }
                }
            }
            return sum;
        }

        /**
         * The offsets the application's changelog topics have advanced by: their records, and under exactly-once one
         * transaction marker per partition a commit wrote to.
         */
        private static long changelogOffsets(Admin admin, String applicationId) throws Exception {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-changelog")).toList();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            for (org.apache.kafka.clients.admin.TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
            }
            long sum = 0;
            for (var e : admin.listOffsets(latest).all().get().values()) {
                sum += e.offset();
            }
            return sum;
        }

        /**
         * Mean bytes per symbol in each store (the values: a symbol's record in the checkpoint's stores, its journal's
         * records in the journal's), read from the running instance's stores.
         */
        private static Map<String, Double> stateBytesPerSymbol(KafkaStreams s) throws InterruptedException {
            // A rebalance may still be settling after a short round (a thread PARTITIONS_ASSIGNED): wait for it.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    return storeBytesPerSymbol(s);
                } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }

        private static Map<String, Double> storeBytesPerSymbol(KafkaStreams s) {
            Map<String, Double> out = new LinkedHashMap<>();
            long symbols = 0;
            for (String name : StoreNames.ALL) {
                ReadOnlyKeyValueStore<String, byte[]> store = s.store(
                        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
                long bytes = 0;
                long n = 0;
                try (KeyValueIterator<String, byte[]> it = store.all()) {
                    while (it.hasNext()) {
                        bytes += it.next().value.length;
                        n++;
                    }
                }
                if (name.equals(StoreNames.SERIES)) {
                    symbols = n;
                }
                out.put(name, symbols == 0 ? 0.0 : Math.round(10.0 * bytes / symbols) / 10.0);
            }
            return out;
        }

        /** Bytes of the files under {@code dir}. */
        private static long directoryBytes(Path dir) throws java.io.IOException {
            if (!Files.exists(dir)) {
                return 0;
            }
            try (var files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
        }

        /** Heap in use after a full collection. */
        private static long heapAfterGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        /** {@code v} rounded to 1/{@code scale}, or null (left out of the JSON) when undefined. */
        private static Object round(double v, double scale) {
            return Double.isFinite(v) ? Math.round(v * scale) / scale : null;
        }

        /** Records the instance's stream threads have processed so far (their {@code process-total}). */
        private static double processedRecords(KafkaStreams s) {
            return threadTotal(s, "process-total");
        }

        /** A cumulative stream-thread metric ({@code process-total}, {@code poll-total}, ...) summed over the threads. */
        private static double threadTotal(KafkaStreams s, String metric) {
            double sum = 0;
            for (var e : s.metrics().entrySet()) {
                if (e.getKey().group().equals("stream-thread-metrics") && e.getKey().name().equals(metric)
                        && e.getValue().metricValue() instanceof Number v) {
                    sum += v.doubleValue();
                }
            }
            return sum;
        }

        /** CPU time so far of the live stream threads of {@code applicationId}, in nanoseconds. */
        private static long streamThreadsCpuNanos(String applicationId) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                String name = t.getName();
                if (Profiler.isStreamThread(name, applicationId)) {
                    sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
                }
            }
            return sum;
        }

        /**
         * Pre-loads the ticks, starts the topology and times it until every tick has its output; with {@code next}
         * (a later tick of every symbol), then times a fresh instance's {@link #restore}.
         */
        private Round throughput(String servers, Path state, String guarantee, List<byte[][]> load, boolean forecaster,
                                 List<byte[][]> next, Profiler profiler)
                throws Exception {
            TickcastConfig c = config(servers, guarantee);
            Topics.createMissing(c, c.streamsProperties(), c.getShort(TickcastConfig.TOPIC_REPLICATION));
            produce(servers, c.getString(TickcastConfig.TOPIC_TICKS), load, 0);
            try (KafkaStreams s = streams(c, state, forecaster);
                 KafkaConsumer<String, String> out = consumer(servers, c.getString(TickcastConfig.TOPIC_FORECASTS))) {
                s.start();
                // Steady state: from the output that completes the first 20 % to the last one, so start-up,
                // rebalancing and JIT warm-up are not counted.
                int seen = 0;
                int warm = load.size() / 5;
                long first = 0;
                JvmThreadsCpu.Sample firstJvm = null;
                String id = c.getString(TickcastConfig.APPLICATION_ID);
                long lastProgress = System.nanoTime();
                // The stream threads' CPU is taken over their own progress (records processed, from 20 % of the
                // load to all of it), not the output consumer's: a pass-through processes its load faster than the
                // consumer reads it, and over the consumer's window its threads had already finished (0.04 µs per
                // record measured so, 1.4 µs in another run).
                double cpuFromRecords = -1;
                long cpuFrom = 0;
                double cpuToRecords = -1;
                long cpuTo = 0;
                // The stream threads' polls and commits over the same records: how many records each one's fixed
                // cost is spread over (a slower topology commits every commit.interval.ms over fewer records).
                double pollsFrom = 0;
                double pollsTo = 0;
                double commitsFrom = 0;
                double commitsTo = 0;
                while (seen < load.size()) {
                    int n = out.poll(Duration.ofMillis(20)).count();
                    double done = processedRecords(s);
                    if (cpuFromRecords < 0 && done >= load.size() / 5.0) {
                        cpuFrom = streamThreadsCpuNanos(id);
                        cpuFromRecords = done;
                        pollsFrom = threadTotal(s, "poll-total");
                        commitsFrom = threadTotal(s, "commit-total");
                    } else if (cpuFromRecords >= 0 && cpuToRecords < 0 && done >= load.size()) {
                        cpuTo = streamThreadsCpuNanos(id);
                        cpuToRecords = done;
                        pollsTo = threadTotal(s, "poll-total");
                        commitsTo = threadTotal(s, "commit-total");
                    }
                    if (seen < warm && seen + n >= warm) {
                        first = System.nanoTime();
                        firstJvm = JvmThreadsCpu.sample();
                        if (profiler != null) {
                            profiler.start();
                        }
                        seen += n;
                        warm = seen;
                        continue;
                    }
                    if (n > 0) {
                        lastProgress = System.nanoTime();
                    }
                    seen += n;
                    if (System.nanoTime() - lastProgress > Duration.ofSeconds(90).toNanos()) {
                        throw new IllegalStateException("no output for 90 s after " + seen + " of " + load.size()
                                + " (topology state " + s.state() + ")");
                    }
                }
                double secs = (System.nanoTime() - first) / 1e9;
                spec.commandLine().getErr().printf("%s %s: the last %d of %d ticks in %.2f s%n", guarantee,
                        forecaster ? "forecaster" : "pass-through", load.size() - warm, load.size(), secs);
                int counted = load.size() - warm;
                if (cpuFromRecords >= 0 && cpuToRecords < 0) {
                    cpuTo = streamThreadsCpuNanos(id);
                    cpuToRecords = processedRecords(s);
                    pollsTo = threadTotal(s, "poll-total");
                    commitsTo = threadTotal(s, "commit-total");
                }
                double perPoll = pollsTo > pollsFrom ? (cpuToRecords - cpuFromRecords) / (pollsTo - pollsFrom) : Double.NaN;
                double perCommit = commitsTo > commitsFrom
                        ? (cpuToRecords - cpuFromRecords) / (commitsTo - commitsFrom) : Double.NaN;
                // A load so small that the threads processed most of it between two samples of their progress has no
                // window to measure: the output consumer's window would count threads already done, and samples
                // taken after the work (the metric lags it) read no CPU at all — 0 µs is not a measurement.
                double cpuMicrosPerTick = Double.NaN;
                if (cpuFromRecords >= 0 && cpuToRecords - cpuFromRecords >= load.size() / 10.0 && cpuTo > cpuFrom) {
                    cpuMicrosPerTick = (cpuTo - cpuFrom) / 1e3 / (cpuToRecords - cpuFromRecords);
                } else {
                    spec.commandLine().getErr().printf("%s %s: processed its %d ticks before its progress could be"
                            + " sampled; no CPU per tick for this round (use more ticks)%n", guarantee,
                            forecaster ? "forecaster" : "pass-through", load.size());
                }
                JvmThreadsCpu.Sample jvm = JvmThreadsCpu.sample().minus(firstJvm);
                if (profiler != null) {
                    profiler.stop(id);
                }
                double jitMicros = jvm.jitNanos() / 1e3 / counted;
                double gcMicros = jvm.gcNanos() / 1e3 / counted;
                if (!forecaster) {
                    return Round.passThrough(counted / secs, cpuMicrosPerTick, jitMicros, gcMicros, perPoll, perCommit);
                }
                Map<String, Double> records = stateBytesPerSymbol(s);
                long heap = heapAfterGc();
                // Flushes the stores' caches to the changelogs and commits; leaves the group, so that a restoring
                // instance is assigned the tasks at once instead of after the session timeout.
                s.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
                long rocksDb = directoryBytes(state.resolve(id));
                double perTick;
                double offsetsPerTick;
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                    perTick = Math.round((double) changelogBytes(admin, id) / load.size() * 10) / 10.0;
                    offsetsPerTick = Math.round((double) changelogOffsets(admin, id) / load.size() * 1000) / 1000.0;
                }
                Map<String, Object> restored = next != null ? restore(c, servers, out, next) : Map.of();
                return new Round(counted / secs, cpuMicrosPerTick, jitMicros, gcMicros, perTick, offsetsPerTick, records,
                        heap, rocksDb, restored, perPoll, perCommit);
            }
        }

        /**
         * A fresh instance of the application {@code c} on an empty state directory: the seconds until its stores are
         * restored from the changelogs, then until it has forecast {@code next} (one later tick of every symbol, each
         * loading its checkpoint and replaying its journal), and the ticks it replayed.
         */
        private Map<String, Object> restore(TickcastConfig c, String servers, KafkaConsumer<String, String> out,
                                            List<byte[][]> next) throws Exception {
            Path fresh = Files.createTempDirectory("tickcast-bench-restore-");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            java.util.concurrent.atomic.AtomicLong records = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong firstStart = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong lastEnd = new java.util.concurrent.atomic.AtomicLong();
            try (KafkaStreams s = streams(c, fresh, true, registry)) {
                s.setGlobalStateRestoreListener(new org.apache.kafka.streams.processor.StateRestoreListener() {
                    @Override
                    public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
                        firstStart.compareAndSet(0, System.nanoTime());
                    }

                    @Override
                    public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long n) {
                        records.addAndGet(n);
                    }

                    @Override
                    public void onRestoreEnd(TopicPartition tp, String store, long total) {
                        lastEnd.set(System.nanoTime());
                    }
                });
                long start = System.nanoTime();
                s.start();
                long deadline = start + Duration.ofMinutes(30).toNanos();
                while (s.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                produce(servers, c.getString(TickcastConfig.TOPIC_TICKS), next, 0);
                int seen = 0;
                long lastProgress = System.nanoTime();
                while (seen < next.size()) {
                    int n = out.poll(Duration.ofMillis(20)).count();
                    seen += n;
                    if (n > 0) {
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(90).toNanos()) {
                        throw new IllegalStateException("restore: no output for 90 s after " + seen + " of " + next.size());
                    }
                }
                double total = (System.nanoTime() - start) / 1e9;
                double restored = lastEnd.get() == 0 ? 0 : (lastEnd.get() - firstStart.get()) / 1e9;
                double replayed = registry.get("tickcast.state.replayed").functionCounter().count();
                Map<String, Object> m = new LinkedHashMap<>();
                // From the first store's restore starting to the last one's ending; then from the start of the
                // instance (joining the group included) to the forecasts of every symbol's next tick.
                m.put("restore_s", Math.round(restored * 100) / 100.0);
                m.put("restored_records", records.get());
                m.put("restore_and_first_ticks_s", Math.round(total * 100) / 100.0);
                m.put("replayed_ticks_per_symbol", Math.round(replayed / next.size() * 10) / 10.0);
                spec.commandLine().getErr().printf("restore: %d records in %.2f s; %d symbols' first ticks by %.2f s%n",
                        records.get(), restored, next.size(), total);
                return m;
            } finally {
                Directories.deleteRecursively(fresh);
            }
        }

        /** Produces at a paced rate into a running forecaster; p50 and p99 of forecast arrival minus tick send time. */
        private double[] latency(String servers, Path state, String guarantee, List<byte[][]> paced) throws Exception {
            TickcastConfig c = config(servers, guarantee);
            Topics.createMissing(c, c.streamsProperties(), c.getShort(TickcastConfig.TOPIC_REPLICATION));
            try (KafkaStreams s = streams(c, state, true);
                 KafkaConsumer<String, String> out = consumer(servers, c.getString(TickcastConfig.TOPIC_FORECASTS))) {
                s.start();
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (s.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // The reader joins its group on its first polls; ticks sent before it is assigned the topic would
                // count that join as latency. The topic is new and nothing has been sent yet.
                while (out.assignment().isEmpty() && System.nanoTime() < deadline) {
                    out.poll(Duration.ofMillis(50)).forEach(r -> {
                        throw new IllegalStateException("a forecast before any paced tick: " + r.key());
                    });
                }
                Thread producer = new Thread(() -> produce(servers, c.getString(TickcastConfig.TOPIC_TICKS), paced, latencyRate));
                producer.start();
                List<Long> latencies = new ArrayList<>();
                long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (latencies.size() < paced.size() && System.nanoTime() < end) {
                    for (ConsumerRecord<String, String> r : out.poll(Duration.ofMillis(20))) {
                        latencies.add(System.currentTimeMillis() - r.timestamp());
                    }
                }
                producer.join();
                latencies.sort(Long::compare);
                if (latencies.isEmpty()) {
                    return new double[] {Double.NaN, Double.NaN};
                }
                return new double[] {latencies.get(latencies.size() / 2),
                        latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1))};
            }
        }

        private static void produce(String servers, String topic, List<byte[][]> records, double rate) {
            Properties p = KafkaClients.tickProducer(servers, TickcastConfig.defaults());
            p.put(ProducerConfig.LINGER_MS_CONFIG, rate > 0 ? 0 : 10);
            java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
            Pacer pacer = new Pacer(rate);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (byte[][] kv : records) {
                    producer.send(new ProducerRecord<>(topic, kv[0], kv[1]), (md, e) -> {
                        if (e != null) {
                            failed.compareAndSet(null, e);
                        }
                    });
                    try {
                        pacer.pace();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                producer.flush();
            }
            if (failed.get() != null) {
                throw new IllegalStateException("producing the bench ticks failed: " + failed.get(), failed.get());
            }
        }

        private static KafkaConsumer<String, String> consumer(String servers, String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
            c.subscribe(List.of(topic));
            return c;
        }
    }
}
