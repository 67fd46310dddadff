package io.tickcast.stream;

import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.DeadLetterReason;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Json;
import io.tickcast.serde.Output;
import io.tickcast.serde.Outputs;
import io.tickcast.serde.Tick;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The per-symbol step of the topology, as Kafka sees it: takes the symbol's {@link SymbolState} from the decoded
 * states or loads it from its stores ({@link SymbolStore}: checkpoint and journal), lets it
 * {@link SymbolState#accept accept} the tick, journals the tick (and writes a checkpoint when one is due), records the
 * metrics and forwards the forecast, the break statistic or the dead letter.
 *
 * <p>A failure is the tick's, never the partition's: whatever the load, the step or the encoding throws, and an output
 * holding a number JSON cannot carry ({@link Outputs}), makes the tick a dead letter with reason
 * {@code internal_error}, and the symbol keeps the state it had before it. That holds because nothing is written
 * before the step has succeeded and its outputs are checked, and the state in memory, which the step changes in
 * place, is then discarded: the next tick loads it from the stores, as they were before the failed one.
 */
final class ForecastProcessor implements Processor<String, Tick, String, Output> {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastProcessor.class);
    private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;

    private final SymbolStore symbolStore;
    private final DecodedStates.Budget cache;
    private final TickcastMetrics metrics;
    private final boolean emitAllBreaks;
    /** Sees the forecasts and break records as they are forwarded (the live page's history). */
    private final Consumer<Output> observer;
    private ProcessorContext<String, Output> context;
    /** When the last failure was logged at WARN ({@link System#nanoTime}), 0 before the first. */
    private long lastWarning;
    /**
     * The journal's cut round: advanced every {@code commit.interval.ms} of wall-clock time, it ends every open journal
     * segment ({@link SymbolStore}), so a segment spans about one commit.
     */
    private long journalRound;
    private final Map<String, KeyValueStore<String, byte[]>> stores = new LinkedHashMap<>();
    /** {@link SymbolStore}'s view of the stores. */
    private final SymbolStore.Writer access = new SymbolStore.Writer() {
        @Override
        public byte[] get(String store, String key) {
            return stores.get(store).get(key);
        }

        @Override
        public void put(String store, String key, byte[] value) {
            stores.get(store).put(key, value);
        }
    };
    /**
     * Decoded state of this task's symbols, so a tick does not decode and replay what the previous ticks wrote.
     * Always equal to what the stores load, which are written on every change; cleared when the task is
     * (re-)initialised, e.g. after a restore.
     */
    private final DecodedStates decoded;

    ForecastProcessor(SymbolStore symbolStore, TickcastMetrics metrics, boolean emitAllBreaks,
                      Consumer<Output> observer, DecodedStates.Budget cache) {
        // An evicted state is checkpointed, so that its next tick decodes it without replaying its journal: a cache
        // too small for the symbols that tick costs a checkpoint per tick, not a replay of up to an interval.
        this.decoded = new DecodedStates(cache, (symbol, state) -> symbolStore.checkpoint(symbol, state, access));
        this.symbolStore = symbolStore;
        this.cache = cache;
        this.metrics = metrics;
        this.emitAllBreaks = emitAllBreaks;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        for (String name : StoreNames.ALL) {
            stores.put(name, context.getStateStore(name));
        }
        decoded.clear();
        context.schedule(Duration.ofMillis(commitIntervalMs(context.appConfigs())), PunctuationType.WALL_CLOCK_TIME,
                now -> journalRound++);
    }

    /**
     * The application's {@code commit.interval.ms}: as configured, else Kafka Streams' default for the processing
     * guarantee (100 ms under exactly-once, 30 s otherwise).
     */
    static long commitIntervalMs(Map<String, Object> appConfigs) {
        Object set = appConfigs.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        if (set != null) {
            return Math.max(1, Long.parseLong(set.toString().trim()));
        }
        Object guarantee = appConfigs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        return guarantee != null && guarantee.toString().startsWith("exactly_once") ? 100 : 30_000;
    }

    /** The task leaves this instance (or closes): its decoded states leave the shared budget. */
    @Override
    public void close() {
        decoded.clear();
    }

    @Override
    public void process(Record<String, Tick> record) {
        Tick tick = record.value();
        String symbol = tick.symbol();
        StepResult r;
        try {
            r = step(symbol, tick);
        } catch (RuntimeException e) {
            decoded.discard(symbol);
            // At most one warning per task every 10 s: a symbol whose stored state cannot be read fails every tick.
            long now = System.nanoTime();
            if (now - lastWarning > WARNING_INTERVAL_NANOS || lastWarning == 0) {
                lastWarning = now;
                LOG.warn("tick of symbol {} at ts {} failed; it goes to the dead-letter topic as internal_error and the"
                        + " symbol keeps its state (further failures in the next 10 s are logged at DEBUG): {}", symbol,
                        tick.ts(), e.toString());
            }
            LOG.debug("tick of symbol {} at ts {} failed", symbol, tick.ts(), e);
            reject(record, DeadLetterReason.INTERNAL_ERROR, DeadLetters.describe(e));
            return;
        }
        if (r.rejection() != null) {
            reject(record, r.rejection().reason(), r.rejection().detail());
            return;
        }

        TickcastMetrics.SymbolMeters meters = metrics.symbol(symbol);
        meters.tick();
        if (r.training() != null) {
            meters.trainLoss(r.training().loss());
            metrics.trained(r.training().nanos(), r.training().skippedSteps(), r.training().rollbacks());
        }
        Forecast forecast = r.forecast();
        context.forward(record.withValue((Output) forecast));
        observer.accept(forecast);
        meters.forecast();
        if (forecast.anomaly() != null && forecast.anomaly().flag()) {
            meters.anomaly();
        }
        Forecast.Score sc = forecast.score();
        meters.scores(sc.rmse(), sc.persistenceRmse(), sc.coverage());
        meters.modelWeight(r.modelWeight());
        meters.expertWeights(forecast.experts());
        metrics.latencyMillis(System.currentTimeMillis() - record.timestamp());

        BreakSignal b = r.breakSignal();
        if (b != null) {
            meters.breakStatistic(b.mode(), b.statistic(), b.threshold());
            if (b.signal()) {
                meters.breakSignal();
            } else if (Boolean.TRUE.equals(b.dismissed())) {
                meters.breakDismissed();
            }
            if (b.signal() || emitAllBreaks) {
                context.forward(record.withValue((Output) b));
                observer.accept(b);
            }
        }
    }

    /**
     * Loads the symbol's state, lets it accept the tick, checks the outputs and writes what changed: the stores are
     * written only once everything else has succeeded.
     *
     * @throws RuntimeException whatever failed; the state in {@link #decoded} may then be half-updated
     */
    private StepResult step(String symbol, Tick tick) {
        SymbolState state = decoded.get(symbol);
        if (state == null) {
            SymbolStore.Loaded loaded = symbolStore.load(symbol, access);
            if (loaded != null) {
                state = loaded.state();
                cache.replayed(loaded.replayed());
            } else {
                state = symbolStore.create(symbol);
            }
            decoded.put(symbol, state, state.recordBytes());
        }
        StepResult r = state.accept(tick);
        if (r.rejection() != null) {
            return r;
        }
        requireFinite(r.forecast(), tick);
        if (r.breakSignal() != null) {
            requireFinite(r.breakSignal(), tick);
        }
        symbolStore.save(symbol, state, tick, access, journalRound);
        decoded.put(symbol, state, state.recordBytes());
        return r;
    }

    private static void requireFinite(Output output, Tick tick) {
        String field = Outputs.nonFinite(output);
        if (field != null) {
            throw new IllegalStateException("the " + (output instanceof Forecast ? "forecast" : "break record")
                    + " at ts " + tick.ts() + " has a non-finite '" + field + "'");
        }
    }

    private void reject(Record<String, Tick> record, DeadLetterReason reason, String detail) {
        DeadLetter dl = DeadLetters.of(reason, detail, context, record.key().getBytes(StandardCharsets.UTF_8),
                Json.toBytes(record.value()));
        metrics.deadLetter(dl.reason());
        context.forward(record.withValue((Output) dl));
    }
}
