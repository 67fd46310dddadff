package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.JsonSerde;
import io.tickcast.serde.Output;
import io.tickcast.serde.Tick;
import io.tickcast.serde.TickIntake;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds tickcast's topology. Side-effect free: the application, the tests and the backtest all call
 * {@link #build}.
 *
 * <p>Every record's failure is that record's: the parse and forecast steps turn any bad input and any failure of
 * theirs into a dead letter ({@link ParseProcessor}, {@link ForecastProcessor}), and the handlers installed by
 * {@link #streamsProperties} do the same for what fails around them.
 *
 * <pre>
 *  ticks ──▶ parse ──┬─ bad ─────────────────────────────────────────────┐
 *                    ├─ keyed ───────────────────┐                        │
 *                    └─ no key ─▶ rekey (repartition by symbol) ─┐        │
 *                                                ▼               ▼        │
 *                    forecast (stores: series, models, chow, journal)     │
 *                                   │ forecasts, breaks, dead letters     │
 *                                   ▼                                     ▼
 *                    forecasts / breaks / ticks-dlq (by record type) ◀────┘
 * </pre>
 */
public final class ForecastTopology {

    private ForecastTopology() {
    }

    public static Topology build(TickcastConfig config, TickcastMetrics metrics) {
        return build(config, metrics, output -> { });
    }

    /**
     * @param observer sees every forecast and break record the forecast step forwards, on the stream thread, as it
     *                 forwards it (before the transaction commits: an aborted transaction's records are seen again
     *                 when its ticks are processed again); it must be quick and must not throw
     */
    public static Topology build(TickcastConfig config, TickcastMetrics metrics, Consumer<Output> observer) {
        ForecastSettings settings = ForecastSettings.from(config);
        Components components = LearningComponents.from(config, settings);
        SymbolStore symbolStore = new SymbolStore(settings, components, config.getInt(TickcastConfig.STATE_CHECKPOINT_TICKS));
        DecodedStates.Budget cache = new DecodedStates.Budget(config.stateCacheBytes());
        metrics.decodedStates(cache::hits, cache::misses, cache::replayed, cache::used, cache.limit());
        TickIntake intake = new TickIntake(config.timestampUnit());
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, String> changelog = Map.of("max.message.bytes", String.valueOf(changelogMaxBytes(config)));
        StoreNames.ALL.forEach(name -> builder.addStateStore(store(name, changelog)));

        KStream<String, Parsed> parsed = builder
                .stream(config.getString(TickcastConfig.TOPIC_TICKS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("ticks-source"))
                .process(() -> new ParseProcessor(metrics, intake), Named.as("parse"));

        // A tick without a key sits in an arbitrary partition: send it through a repartition topic keyed
        // by symbol, so that the task that owns the symbol's state sees it.
        var branches = parsed.split(Named.as("route-"))
                .branch((k, p) -> p.dead() != null, Branched.as("dead"))
                .branch((k, p) -> p.rekey(), Branched.as("unkeyed"))
                .defaultBranch(Branched.as("keyed"));
        KStream<String, Output> dead = branches.get("route-dead").mapValues(p -> (Output) p.dead(), Named.as("dead-letter"));
        KStream<String, Tick> keyed = branches.get("route-keyed").mapValues(p -> p.tick(), Named.as("keyed-tick"));
        KStream<String, Tick> rekeyed = branches.get("route-unkeyed").mapValues(p -> p.tick(), Named.as("unkeyed-tick"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(Tick.class)).withName("rekey"));

        boolean emitAll = "all".equals(config.getString(TickcastConfig.CHOW_EMIT));
        KStream<String, Output> out = keyed.merge(rekeyed, Named.as("ticks-by-symbol"))
                .process(() -> new ForecastProcessor(symbolStore, metrics, emitAll, observer, cache), Named.as("forecast"),
                        StoreNames.ALL.toArray(String[]::new));

        String forecasts = config.getString(TickcastConfig.TOPIC_FORECASTS);
        String breaks = config.getString(TickcastConfig.TOPIC_BREAKS);
        String dlq = config.getString(TickcastConfig.TOPIC_DLQ);
        TopicNameExtractor<String, Output> byType = (key, value, ctx) -> {
            if (value instanceof Forecast) {
                return forecasts;
            }
            if (value instanceof BreakSignal) {
                return breaks;
            }
            if (value instanceof DeadLetter) {
                return dlq;
            }
            throw new IllegalStateException("unexpected output " + value.getClass());
        };
        out.merge(dead, Named.as("outputs")).to(byType, Produced.with(Serdes.String(), JsonSerde.of(Output.class))
                .withName("outputs-sink"));
        return builder.build();
    }

    /**
     * The Kafka Streams properties to run the topology with: the configuration's ({@link TickcastConfig#streamsProperties})
     * and the exception handlers that turn any record's failure into a dead letter ({@link DeadLetterHandlers}).
     */
    public static Map<String, Object> streamsProperties(TickcastConfig config, TickcastMetrics metrics) {
        Map<String, Object> props = config.streamsProperties();
        // The forecast task reads two partitions, the ticks' and the rekey repartition topic's, which is empty unless
        // ticks come without a key. With max.task.idle.ms at its default (0), Kafka Streams checks the empty one before
        // every record and formats its log lines as it does (String.format, about 1 µs a tick), to wait for data the
        // broker has and the task has not fetched yet: time synchronisation for joins. The merge of the two needs
        // none (a symbol's ticks are ordered by the symbol's own timestamps, the late ones are dead letters), so
        // tickcast disables the idling; a max.task.idle.ms in the configuration still wins (docs/performance.md).
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        DeadLetterHandlers.properties(config.getString(TickcastConfig.TOPIC_DLQ), metrics).forEach(props::putIfAbsent);
        return props;
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name, Map<String, String> changelog) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(changelog)
                .withCachingEnabled();
    }

    /**
     * The changelog topics' max.message.bytes: at least 1 MiB and twice the largest record a symbol's state can have
     * in this configuration (see {@link SymbolState#largestRecordBytes}).
     */
    public static int changelogMaxBytes(TickcastConfig config) {
        ForecastSettings settings = ForecastSettings.from(config);
        long largest = SymbolState.largestRecordBytes(settings, LearningComponents.from(config, settings));
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1 << 20, 2 * largest));
    }
}
