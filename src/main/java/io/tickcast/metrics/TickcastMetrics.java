package io.tickcast.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * tickcast's own meters, as a Micrometer binder. Every meter has a dotted name, a description and, where the
 * quantity has one, a base unit (seconds, a ratio, or what a counter counts); Prometheus sees them as
 * {@code tickcast_*}. Errors, losses and test statistics are in the units of their series or dimensionless,
 * so they have none. Per-symbol tags are bounded by {@link SymbolLabels}.
 *
 * <p>Call order: {@link #bindTo} once (or {@link #bind}), then the recording methods. The per-symbol and
 * per-reason meters are registered, on that registry, when their tag first appears.
 *
 * <p>Thread-safe: stream threads record concurrently.
 */
public final class TickcastMetrics implements MeterBinder {

    /**
     * Upper bounds of the latency histogram's buckets: a forecast is normally out in milliseconds; replayed or delayed
     * ticks reach seconds to a minute (and beyond, the {@code +Inf} bucket).
     */
    static final Duration[] LATENCY_BUCKETS = millis(1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000,
            30_000, 60_000);

    /** Upper bounds of the training-time histogram's buckets: a fine-tuning call takes milliseconds to seconds. */
    static final Duration[] TRAIN_BUCKETS = millis(1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000,
            30_000);

    private final SymbolLabels labels;
    private final Map<String, SymbolMeters> perSymbol = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    /** What the registry's weakly held meters read, kept as long as the metrics are. */
    private final List<Object> retained = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Timer trainDuration;
    private Timer latency;
    private Counter trainSkipped;
    private Counter trainRollbacks;
    private Counter streamThreadsReplaced;
    /** Written last by {@link #bindTo}, so that a recording thread that sees it also sees the meters. */
    private volatile MeterRegistry registry;

    /** Meters with per-symbol labels for the first {@code maxSymbolLabels} symbols; unbound. */
    public TickcastMetrics(int maxSymbolLabels) {
        this.labels = new SymbolLabels(maxSymbolLabels);
    }

    /** A new binder bound to {@code registry}. */
    public static TickcastMetrics bind(MeterRegistry registry, int maxSymbolLabels) {
        TickcastMetrics m = new TickcastMetrics(maxSymbolLabels);
        m.bindTo(registry);
        return m;
    }

    /**
     * Registers the meters that exist from the start on {@code registry}; the labelled ones follow on it.
     *
     * @throws IllegalStateException if already bound
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (this.registry != null) {
            throw new IllegalStateException("TickcastMetrics is already bound to a registry");
        }
        // Histograms, not summaries: buckets add up across instances (histogram_quantile over sum by (le)).
        trainDuration = Timer.builder("tickcast.train.duration")
                .description("Duration of one fine-tuning call of a symbol's model")
                .serviceLevelObjectives(TRAIN_BUCKETS).register(registry);
        latency = Timer.builder("tickcast.latency")
                .description("End-to-end latency from a tick's record timestamp to its forecast being produced")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
        BuildInfo build = BuildInfo.current();
        Gauge.builder("tickcast.build.info", () -> 1).tag("version", build.version()).tag("commit", build.commit())
                .description("Always 1; the labels name the version and commit of the running build").register(registry);
        trainSkipped = Counter.builder("tickcast.train.skipped").baseUnit("steps")
                .description("Training steps skipped because the loss or a gradient was not finite")
                .register(registry);
        trainRollbacks = Counter.builder("tickcast.train.rollbacks").baseUnit("steps")
                .description("Training steps rolled back because they left weights non-finite")
                .register(registry);
        streamThreadsReplaced = Counter.builder("tickcast.stream.threads.replaced").baseUnit(BaseUnits.THREADS)
                .description("Stream threads that died of an uncaught exception and were replaced")
                .register(registry);
        this.registry = registry;
    }

    private static Duration[] millis(long... ms) {
        return java.util.Arrays.stream(ms).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }

    private MeterRegistry bound() {
        MeterRegistry r = registry;
        if (r == null) {
            throw new IllegalStateException("TickcastMetrics is not bound to a registry (bindTo first)");
        }
        return r;
    }

    /** The meters of one symbol (or of the aggregate label {@code other}). */
    public SymbolMeters symbol(String symbol) {
        MeterRegistry r = bound();
        return perSymbol.computeIfAbsent(labels.labelOf(symbol), l -> new SymbolMeters(r, l));
    }

    public void deadLetter(String reason) {
        MeterRegistry r = bound();
        deadLetters.computeIfAbsent(reason, x -> Counter.builder("tickcast.deadletters").baseUnit("records")
                .description("Ticks sent to the dead-letter topic, by reason").tag("reason", x)
                .register(r)).increment();
    }

    public void trained(long nanos, long skippedDelta, long rollbackDelta) {
        bound();
        trainDuration.record(nanos, TimeUnit.NANOSECONDS);
        if (skippedDelta > 0) {
            trainSkipped.increment(skippedDelta);
        }
        if (rollbackDelta > 0) {
            trainRollbacks.increment(rollbackDelta);
        }
    }

    public void latencyMillis(long millis) {
        bound();
        if (millis >= 0) {
            latency.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The cache of decoded symbol states: hits and misses (a tick whose symbol had to be loaded from the stores, or
     * was new), the journaled ticks replayed to load them, the bytes it holds and its budget.
     */
    public void decodedStates(LongSupplier hits, LongSupplier misses, LongSupplier replayed, LongSupplier bytes, long limit) {
        MeterRegistry r = bound();
        // Micrometer holds a function counter's or gauge's object weakly: these suppliers (method references the
        // caller keeps nowhere) would be collected and the meters read NaN. The metrics keep them.
        retained.addAll(List.of(hits, misses, replayed, bytes));
        FunctionCounter.builder("tickcast.state.cache.hits", hits, LongSupplier::getAsLong).baseUnit("ticks")
                .description("Ticks whose symbol's state was in the decoded-state cache").register(r);
        FunctionCounter.builder("tickcast.state.cache.misses", misses, LongSupplier::getAsLong).baseUnit("ticks")
                .description("Ticks whose symbol's state was loaded from the stores (or was new)").register(r);
        FunctionCounter.builder("tickcast.state.replayed", replayed, LongSupplier::getAsLong).baseUnit("ticks")
                .description("Journaled ticks replayed to load symbols' states from their checkpoints").register(r);
        Gauge.builder("tickcast.state.cache.size", bytes, LongSupplier::getAsLong).baseUnit(BaseUnits.BYTES)
                .description("Bytes of decoded symbol state held in memory").register(r);
        Gauge.builder("tickcast.state.cache.limit", () -> limit).baseUnit(BaseUnits.BYTES)
                .description("The decoded-state cache's budget (state.cache.bytes)").register(r);
    }

    /** A stream thread died of an uncaught exception and was replaced. */
    public void streamThreadReplaced() {
        bound();
        streamThreadsReplaced.increment();
    }

    /**
     * Meters labelled with one symbol. Gauges show the latest value recorded under the label; a gauge of a quantity
     * that can be undefined (an error before any is scored, a loss before any training, a detector's statistic while
     * it has none) is absent while it is, never NaN ({@link PresentGauge}).
     *
     * <p>The break detector's gauges: {@code tickcast_break_statistic} and {@code tickcast_break_threshold} in every
     * {@code breaks.mode}, from the record of each tick ({@link #breakStatistic}); {@code tickcast_chow_statistic} and
     * {@code tickcast_chow_critical} only for {@code breaks.mode=chow} (record modes {@code fixed} and {@code scan}).
     */
    public static final class SymbolMeters {
        private final Counter ticks;
        private final Counter forecasts;
        private final Counter breaks;
        private final Counter dismissedAlarms;
        private final Counter anomalies;
        private final PresentGauge rmse;
        private final PresentGauge persistenceRmse;
        private final PresentGauge coverage;
        private final PresentGauge trainLoss;
        private final PresentGauge modelWeight;
        private final PresentGauge breakStatistic;
        private final PresentGauge breakThreshold;
        private final PresentGauge chowF;
        private final PresentGauge chowCrit;
        private final MeterRegistry registry;
        private final String symbol;
        /** The one-step weight of each expert seen so far, by name; a gauge each (a dozen names at most). */
        private final Map<String, double[]> expertWeights = new ConcurrentHashMap<>();

        SymbolMeters(MeterRegistry r, String symbol) {
            this.registry = r;
            this.symbol = symbol;
            ticks = Counter.builder("tickcast.ticks").baseUnit("ticks").tag("symbol", symbol)
                    .description("Ticks accepted").register(r);
            forecasts = Counter.builder("tickcast.forecasts").baseUnit("records").tag("symbol", symbol)
                    .description("Forecast records produced").register(r);
            breaks = Counter.builder("tickcast.breaks").baseUnit("signals").tag("symbol", symbol)
                    .description("Structural-break signals produced").register(r);
            dismissedAlarms = Counter.builder("tickcast.breaks.dismissed").baseUnit("alarms").tag("symbol", symbol)
                    .description("Break-detector alarms dismissed without a signal: a bend explains them as well as a "
                            + "break (breaks.bend, cusum)").register(r);
            anomalies = Counter.builder("tickcast.anomalies").baseUnit("ticks").tag("symbol", symbol)
                    .description("Ticks flagged as anomalies (conformal p-value at most 1 - anomaly.level)").register(r);
            String rmseText = "Rolling RMSE of one-step forecasts, in the series' units";
            rmse = new PresentGauge(r, "tickcast.forecast.rmse", null, rmseText, Tags.of("symbol", symbol, "model", "model"));
            persistenceRmse = new PresentGauge(r, "tickcast.forecast.rmse", null, rmseText,
                    Tags.of("symbol", symbol, "model", "persistence"));
            coverage = new PresentGauge(r, "tickcast.forecast.coverage", "ratio",
                    "Fraction of recent actuals inside their prediction interval", Tags.of("symbol", symbol));
            modelWeight = new PresentGauge(r, "tickcast.forecast.model.weight", "ratio",
                    "One-step weight of the leading expert in the forecast (0 during warm-up)", Tags.of("symbol", symbol));
            trainLoss = new PresentGauge(r, "tickcast.train.loss", null,
                    "Mean training loss (MSE) of the latest fine-tuning call, on normalised values", Tags.of("symbol", symbol));
            breakStatistic = new PresentGauge(r, "tickcast.break.statistic", null,
                    "The break detector's latest statistic (chow: F; cusum: max(S+, S-))",
                    Tags.of("symbol", symbol));
            breakThreshold = new PresentGauge(r, "tickcast.break.threshold", null,
                    "The break detector's signal threshold (chow: F's critical value; cusum: the CUSUM's threshold)",
                    Tags.of("symbol", symbol));
            chowF = new PresentGauge(r, "tickcast.chow.statistic", null,
                    "Latest Chow F statistic (sup-F in scan mode); breaks.mode=chow only", Tags.of("symbol", symbol));
            chowCrit = new PresentGauge(r, "tickcast.chow.critical", null,
                    "Critical value of the latest Chow statistic; breaks.mode=chow only", Tags.of("symbol", symbol));
        }

        /** A tick was accepted. */
        public void tick() {
            ticks.increment();
        }

        /** A forecast record was produced. */
        public void forecast() {
            forecasts.increment();
        }

        /** A structural-break signal was produced. */
        public void breakSignal() {
            breaks.increment();
        }

        /** An alarm of the break detector was dismissed without a signal (the bend check). */
        public void breakDismissed() {
            dismissedAlarms.increment();
        }

        /** A tick was flagged as an anomaly. */
        public void anomaly() {
            anomalies.increment();
        }

        /** The rolling scores; null (undefined) leaves the gauge out. */
        public void scores(Double rmse, Double persistenceRmse, Double coverage) {
            this.rmse.set(rmse);
            this.persistenceRmse.set(persistenceRmse);
            this.coverage.set(coverage);
        }

        /**
         * The one-step weights of the awake experts (the others read 0). Names come from the fixed panel, so the
         * {@code expert} label is bounded.
         */
        public void expertWeights(Map<String, Double> weights) {
            for (double[] w : expertWeights.values()) {
                w[0] = 0.0;
            }
            if (weights == null) {
                return;
            }
            if (weights instanceof io.tickcast.serde.ExpertWeights ew) {
                // The forecast's own primitives: no boxing per expert and tick.
                for (int i = 0; i < ew.size(); i++) {
                    double w = ew.weight(i);
                    cell(ew.name(i))[0] = Double.isFinite(w) ? w : 0.0;
                }
                return;
            }
            weights.forEach((name, w) -> cell(name)[0] = w == null || !Double.isFinite(w) ? 0.0 : w);
        }

        private double[] cell(String expert) {
            return expertWeights.computeIfAbsent(expert, n -> {
                double[] cell = {0.0};
                Gauge.builder("tickcast.forecast.expert.weight", cell, c -> c[0]).tag("symbol", symbol)
                        .tag("expert", n).baseUnit("ratio")
                        .description("One-step weight of an expert in the symbol's forecast").register(registry);
                return cell;
            });
        }

        public void modelWeight(double w) {
            this.modelWeight.set(w);
        }

        public void trainLoss(double loss) {
            this.trainLoss.set(loss);
        }

        /**
         * The break detector's record of this tick, in whichever mode: its statistic and threshold (null or NaN:
         * undefined, the gauge absent). Record modes {@code fixed} and {@code scan} (the Chow test) also set the
         * {@code tickcast_chow_*} gauges.
         */
        public void breakStatistic(String mode, Double statistic, Double threshold) {
            breakStatistic.set(statistic);
            breakThreshold.set(threshold);
            if ("fixed".equals(mode) || "scan".equals(mode)) {
                chowF.set(statistic);
                chowCrit.set(threshold);
            }
        }
    }

    /**
     * A gauge that exists only while its value is finite: registered at the first finite value, removed from the
     * registry when the value becomes undefined (null or NaN), registered again at the next finite one. Prometheus
     * then sees no sample rather than NaN. The gauge reads this object (held by its {@link SymbolMeters}).
     */
    static final class PresentGauge {
        private final MeterRegistry registry;
        private final String name;
        private final String baseUnit;
        private final String description;
        private final Tags tags;
        private volatile double value = Double.NaN;
        /** Guarded by this. */
        private Gauge gauge;

        PresentGauge(MeterRegistry registry, String name, String baseUnit, String description, Tags tags) {
            this.registry = registry;
            this.name = name;
            this.baseUnit = baseUnit;
            this.description = description;
            this.tags = tags;
        }

        void set(Double v) {
            set(v == null ? Double.NaN : v);
        }

        synchronized void set(double v) {
            value = v;
            if (Double.isFinite(v)) {
                if (gauge == null) {
                    gauge = Gauge.builder(name, this, PresentGauge::read).tags(tags).baseUnit(baseUnit)
                            .description(description).register(registry);
                }
            } else if (gauge != null) {
                registry.remove(gauge);
                gauge = null;
            }
        }

        private double read() {
            return value;
        }
    }
}
