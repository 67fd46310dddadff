package io.tickcast.stream;

import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.DeadLetterReason;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Json;
import io.tickcast.serde.Output;
import io.tickcast.serde.Tick;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Map;

/**
 * The per-symbol heart of the topology: for each accepted tick, rejects it if it is not newer than
 * the symbol's last tick, else runs the {@link Forecaster} (scoring, fine-tuning, forecasting) and the
 * break detector, and forwards a forecast and, when due, a break record.
 */
final class ForecastProcessor implements Processor<String, Tick, String, Output> {

    private final ForecastSettings settings;
    private final Components components;
    private final TickcastMetrics metrics;
    private final boolean emitAllBreaks;
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, byte[]> seriesStore;
    private KeyValueStore<String, byte[]> modelStore;
    private KeyValueStore<String, byte[]> chowStore;
    private Forecaster forecaster;
    /**
     * Decoded state of this task's symbols, so a tick does not decode what the previous tick encoded.
     * Always equal to the stores, which are written on every change; cleared when the task is
     * (re-)initialised, e.g. after a restore.
     */
    private final Map<String, ChangeModel> models = lru();
    private final Map<String, SeriesState> series = lru();
    private final Map<String, BreakDetector> detectors = lru();

    /** Symbols whose decoded state a task keeps in memory; the rest are decoded from the stores when they tick. */
    static final int DECODED_SYMBOLS_PER_TASK = 2048;

    private static <V> Map<String, V> lru() {
        return new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > DECODED_SYMBOLS_PER_TASK;
            }
        };
    }

    ForecastProcessor(ForecastSettings settings, Components components, TickcastMetrics metrics,
                      boolean emitAllBreaks) {
        this.settings = settings;
        this.components = components;
        this.metrics = metrics;
        this.emitAllBreaks = emitAllBreaks;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.seriesStore = context.getStateStore(StoreNames.SERIES);
        this.modelStore = context.getStateStore(StoreNames.MODELS);
        this.chowStore = context.getStateStore(StoreNames.CHOW);
        this.forecaster = new Forecaster(settings);
        models.clear();
        series.clear();
        detectors.clear();
    }

    @Override
    public void process(Record<String, Tick> record) {
        Tick tick = record.value();
        String symbol = tick.symbol();
        SeriesState s = series.get(symbol);
        if (s == null) {
            byte[] stored = seriesStore.get(symbol);
            s = stored == null ? settings.newState()
                    : SeriesState.fromBytes(stored, settings.horizon(), settings.historyCapacity(), settings.scoreWindow());
            series.put(symbol, s);
        }
        if (s.ticks > 0 && tick.ts() <= s.lastTs) {
            reject(record, tick.ts() == s.lastTs ? DeadLetterReason.DUPLICATE : DeadLetterReason.OUT_OF_ORDER,
                    "ts " + tick.ts() + (tick.ts() == s.lastTs ? " equals" : " is older than")
                            + " the symbol's last accepted ts " + s.lastTs);
            return;
        }
        TickcastMetrics.SymbolMeters meters = metrics.symbol(symbol);
        meters.tick();

        ChangeModel model = model(symbol);
        long skippedBefore = model == null ? 0 : model.skippedSteps();
        long rollbacksBefore = model == null ? 0 : model.rollbacks();
        Forecast forecast = forecaster.step(symbol, tick.ts(), tick.value(), s, model);
        Forecaster.Training training = forecaster.lastTraining();
        if (training != null) {
            modelStore.put(symbol, model.toBytes());
            meters.trainLoss(training.loss());
            metrics.trained(training.nanos(), model.skippedSteps() - skippedBefore,
                    model.rollbacks() - rollbacksBefore);
        }

        context.forward(record.withValue((Output) forecast));
        meters.forecast();
        Forecast.Score sc = forecast.score();
        meters.scores(sc.rmse(), sc.persistenceRmse(), sc.coverage());
        meters.modelWeight(forecaster.lastModelWeight());
        metrics.latencyMillis(System.currentTimeMillis() - record.timestamp());

        BreakDetector detector = detector(symbol);
        if (detector != null) {
            BreakSignal b = detector.update(symbol, tick.ts(), tick.value());
            chowStore.put(symbol, detector.toBytes());
            if (b.f() != null) {
                meters.chow(b.f(), b.fCrit() == null ? Double.NaN : b.fCrit());
            }
            if (b.signal()) {
                meters.breakSignal();
            }
            if (b.signal() || emitAllBreaks) {
                context.forward(record.withValue((Output) b));
            }
            s.chowF = b.f() == null ? Double.NaN : b.f();
            s.chowCrit = b.fCrit() == null ? Double.NaN : b.fCrit();
            s.chowP = b.pValue() == null ? Double.NaN : b.pValue();
            s.chowBreakTs = b.breakTs() == null ? Long.MIN_VALUE : b.breakTs();
        }
        seriesStore.put(symbol, s.toBytes());
    }

    private ChangeModel model(String symbol) {
        ChangeModel m = models.get(symbol);
        if (m == null) {
            byte[] bytes = modelStore.get(symbol);
            m = bytes == null ? components.newModel(symbol) : components.restoreModel(bytes);
            if (m != null) {
                models.put(symbol, m);
            }
        }
        return m;
    }

    private BreakDetector detector(String symbol) {
        BreakDetector d = detectors.get(symbol);
        if (d == null) {
            byte[] bytes = chowStore.get(symbol);
            d = bytes == null ? components.newDetector() : components.restoreDetector(bytes);
            if (d != null) {
                detectors.put(symbol, d);
            }
        }
        return d;
    }

    private void reject(Record<String, Tick> record, DeadLetterReason reason, String detail) {
        RecordMetadata m = context.recordMetadata().orElse(null);
        DeadLetter dl = DeadLetter.of(reason, detail, m == null ? null : m.topic(), m == null ? -1 : m.partition(),
                m == null ? -1 : m.offset(), record.key(), Json.toBytes(record.value()));
        metrics.deadLetter(dl.reason());
        context.forward(record.withValue((Output) dl));
    }
}
