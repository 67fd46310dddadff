package io.tickcast.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * tickcast's own meters. Every meter has a dotted name, a description and a base unit; Prometheus
 * sees them as {@code tickcast_*}. Per-symbol tags are bounded by {@link SymbolLabels}.
 *
 * <p>Thread-safe: stream threads record concurrently.
 */
public final class TickcastMetrics {

    private final MeterRegistry registry;
    private final SymbolLabels labels;
    private final Map<String, SymbolMeters> perSymbol = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Timer trainDuration;
    private final Timer latency;
    private final Counter trainSkipped;
    private final Counter trainRollbacks;

    public TickcastMetrics(MeterRegistry registry, int maxSymbolLabels) {
        this.registry = registry;
        this.labels = new SymbolLabels(maxSymbolLabels);
        this.trainDuration = Timer.builder("tickcast.train.duration")
                .description("Duration of one fine-tuning call of a symbol's model")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.latency = Timer.builder("tickcast.latency")
                .description("End-to-end latency from a tick's record timestamp to its forecast being produced")
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
        this.trainSkipped = Counter.builder("tickcast.train.skipped").baseUnit("steps")
                .description("Training steps skipped because the loss or a gradient was not finite")
                .register(registry);
        this.trainRollbacks = Counter.builder("tickcast.train.rollbacks").baseUnit("steps")
                .description("Training steps rolled back because they left weights non-finite")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The meters of one symbol (or of the aggregate label {@code other}). */
    public SymbolMeters symbol(String symbol) {
        return perSymbol.computeIfAbsent(labels.labelOf(symbol), l -> new SymbolMeters(registry, l));
    }

    public void deadLetter(String reason) {
        deadLetters.computeIfAbsent(reason, r -> Counter.builder("tickcast.deadletters").baseUnit("records")
                .description("Ticks sent to the dead-letter topic, by reason").tag("reason", r)
                .register(registry)).increment();
    }

    public void trained(long nanos, long skippedDelta, long rollbackDelta) {
        trainDuration.record(nanos, TimeUnit.NANOSECONDS);
        if (skippedDelta > 0) {
            trainSkipped.increment(skippedDelta);
        }
        if (rollbackDelta > 0) {
            trainRollbacks.increment(rollbackDelta);
        }
    }

    public void latencyMillis(long millis) {
        if (millis >= 0) {
            latency.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Meters labelled with one symbol. Gauges show the latest value recorded under the label. */
    public static final class SymbolMeters {
        public final Counter ticks;
        public final Counter forecasts;
        public final Counter breaks;
        private volatile double rmse = Double.NaN;
        private volatile double persistenceRmse = Double.NaN;
        private volatile double coverage = Double.NaN;
        private volatile double trainLoss = Double.NaN;
        private volatile double chowF = Double.NaN;
        private volatile double chowCrit = Double.NaN;
        private volatile double modelWeight = Double.NaN;

        SymbolMeters(MeterRegistry r, String symbol) {
            ticks = Counter.builder("tickcast.ticks").baseUnit("ticks").tag("symbol", symbol)
                    .description("Ticks accepted").register(r);
            forecasts = Counter.builder("tickcast.forecasts").baseUnit("records").tag("symbol", symbol)
                    .description("Forecast records produced").register(r);
            breaks = Counter.builder("tickcast.breaks").baseUnit("signals").tag("symbol", symbol)
                    .description("Structural-break signals produced").register(r);
            rmseGauge(r, symbol, "model", () -> rmse);
            rmseGauge(r, symbol, "persistence", () -> persistenceRmse);
            Gauge.builder("tickcast.forecast.coverage", () -> coverage).tag("symbol", symbol).baseUnit("ratio")
                    .description("Fraction of recent actuals inside their prediction interval").register(r);
            Gauge.builder("tickcast.forecast.model.weight", () -> modelWeight).tag("symbol", symbol).baseUnit("ratio")
                    .description("Weight of the model's change in the forecast (0 = persistence)").register(r);
            Gauge.builder("tickcast.train.loss", () -> trainLoss).tag("symbol", symbol).baseUnit("mse")
                    .description("Mean training loss of the latest fine-tuning call (normalised units)").register(r);
            Gauge.builder("tickcast.chow.statistic", () -> chowF).tag("symbol", symbol).baseUnit("f")
                    .description("Latest Chow F statistic (sup-F in scan mode)").register(r);
            Gauge.builder("tickcast.chow.critical", () -> chowCrit).tag("symbol", symbol).baseUnit("f")
                    .description("Critical value of the latest Chow statistic").register(r);
        }

        /** Rolling RMSE of one-step forecasts, in the series' own units, of tickcast's forecast or of persistence. */
        private static void rmseGauge(MeterRegistry r, String symbol, String model, java.util.function.DoubleSupplier f) {
            Gauge.builder("tickcast.forecast.rmse", f::getAsDouble).tag("symbol", symbol).tag("model", model)
                    .baseUnit("value").description("Rolling RMSE of one-step forecasts").register(r);
        }

        public void scores(Double rmse, Double persistenceRmse, Double coverage) {
            this.rmse = rmse == null ? Double.NaN : rmse;
            this.persistenceRmse = persistenceRmse == null ? Double.NaN : persistenceRmse;
            this.coverage = coverage == null ? Double.NaN : coverage;
        }

        public void modelWeight(double w) {
            this.modelWeight = w;
        }

        public void trainLoss(double loss) {
            this.trainLoss = loss;
        }

        public void chow(double f, double crit) {
            this.chowF = f;
            this.chowCrit = crit;
        }
    }
}
