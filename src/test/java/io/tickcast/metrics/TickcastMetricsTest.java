package io.tickcast.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickcastMetricsTest {

    /** Every meter: name, then type, base unit (null: dimensionless or in the series' units), tag keys, description. */
    private static final String EXPECTED = """
            tickcast.ticks: Counter ticks [symbol] Ticks accepted
            tickcast.forecasts: Counter records [symbol] Forecast records produced
            tickcast.breaks: Counter signals [symbol] Structural-break signals produced
            tickcast.breaks.dismissed: Counter alarms [symbol] Break-detector alarms dismissed without a signal: a bend explains them as well as a break (breaks.bend, cusum)
            tickcast.anomalies: Counter ticks [symbol] Ticks flagged as anomalies (conformal p-value at most 1 - anomaly.level)
            tickcast.deadletters: Counter records [reason] Ticks sent to the dead-letter topic, by reason
            tickcast.forecast.rmse: Gauge null [model, symbol] Rolling RMSE of one-step forecasts, in the series' units
            tickcast.forecast.coverage: Gauge ratio [symbol] Fraction of recent actuals inside their prediction interval
            tickcast.forecast.model.weight: Gauge ratio [symbol] One-step weight of the leading expert in the forecast (0 during warm-up)
            tickcast.forecast.expert.weight: Gauge ratio [expert, symbol] One-step weight of an expert in the symbol's forecast
            tickcast.train.loss: Gauge null [symbol] Mean training loss (MSE) of the latest fine-tuning call, on normalised values
            tickcast.break.statistic: Gauge null [symbol] The break detector's latest statistic (chow: F; cusum: max(S+, S-))
            tickcast.break.threshold: Gauge null [symbol] The break detector's signal threshold (chow: F's critical value; cusum: the CUSUM's threshold)
            tickcast.chow.statistic: Gauge null [symbol] Latest Chow F statistic (sup-F in scan mode); breaks.mode=chow only
            tickcast.chow.critical: Gauge null [symbol] Critical value of the latest Chow statistic; breaks.mode=chow only
            tickcast.train.duration: Timer seconds [] Duration of one fine-tuning call of a symbol's model
            tickcast.latency: Timer seconds [] End-to-end latency from a tick's record timestamp to its forecast being produced
            tickcast.train.skipped: Counter steps [] Training steps skipped because the loss or a gradient was not finite
            tickcast.train.rollbacks: Counter steps [] Training steps rolled back because they left weights non-finite
            tickcast.stream.threads.replaced: Counter threads [] Stream threads that died of an uncaught exception and were replaced
            tickcast.build.info: Gauge null [commit, version] Always 1; the labels name the version and commit of the running build
            """;

    private static String describe(Meter meter) {
        String type = meter instanceof Counter ? "Counter" : meter instanceof Gauge ? "Gauge"
                : meter instanceof Timer ? "Timer" : meter.getClass().getSimpleName();
        Set<String> tags = meter.getId().getTags().stream().map(t -> t.getKey()).collect(Collectors.toCollection(TreeSet::new));
        return type + " " + meter.getId().getBaseUnit() + " " + tags + " " + meter.getId().getDescription();
    }

    /** Records a defined value in every gauge of the symbol (the gauges of undefined quantities are absent before). */
    private static void recordEverything(TickcastMetrics.SymbolMeters x) {
        x.scores(1.0, 1.0, 0.9);
        x.modelWeight(0.5);
        x.trainLoss(0.25);
        x.expertWeights(Map.of("holt", 1.0));
        x.breakStatistic("fixed", 3.0, 2.2);
    }

    @Test
    void theExpertWeightsAreAGaugePerExpertThatReadsZeroWhileTheExpertSleeps() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TickcastMetrics.SymbolMeters x = TickcastMetrics.bind(registry, 10).symbol("X");
        x.expertWeights(Map.of("holt", 0.75, "persistence", 0.25));
        assertEquals(0.75, weight(registry, "holt"));
        assertEquals(0.25, weight(registry, "persistence"));
        x.expertWeights(Map.of("persistence", 1.0));
        assertEquals(0.0, weight(registry, "holt"), "holt asleep");
        assertEquals(1.0, weight(registry, "persistence"));
        x.expertWeights(null);
        assertEquals(0.0, weight(registry, "persistence"), "warm-up: no weights");
        Gauge g = registry.get("tickcast.forecast.expert.weight").tag("expert", "holt").gauge();
        assertEquals("ratio", g.getId().getBaseUnit());
        assertEquals("X", g.getId().getTag("symbol"));
        assertEquals(2, registry.find("tickcast.forecast.expert.weight").gauges().size());
    }

    private static double weight(SimpleMeterRegistry r, String expert) {
        return r.get("tickcast.forecast.expert.weight").tag("expert", expert).gauge().value();
    }

    @Test
    void everyMeterHasItsNameTypeBaseUnitTagsAndDescription() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TickcastMetrics m = TickcastMetrics.bind(registry, 10);
        recordEverything(m.symbol("X"));
        m.deadLetter("duplicate");
        Map<String, String> actual = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().endsWith(".histogram")) {
                continue; // derived by Micrometer from a timer's service-level objectives (its buckets)
            }
            String previous = actual.put(meter.getId().getName(), describe(meter));
            if (previous != null) {
                assertEquals(previous, describe(meter), "one description per name");
            }
        }
        Map<String, String> expected = new TreeMap<>();
        EXPECTED.lines().map(l -> l.split(": ", 2)).forEach(p -> expected.put(p[0], p[1]));
        assertEquals(expected, actual);
    }

    /** The names Prometheus sees, as docs/operations.md's metrics table, the dashboard and the alerts use them. */
    @Test
    void prometheusNamesCarryOnlyRealUnits() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TickcastMetrics m = TickcastMetrics.bind(registry, 10);
        recordEverything(m.symbol("X"));
        m.deadLetter("duplicate");
        Set<String> names = Arrays.stream(registry.scrape().split("\n")).filter(l -> l.startsWith("tickcast_"))
                .map(l -> l.split("[{ ]")[0]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("tickcast_ticks_total", "tickcast_forecasts_records_total",
                "tickcast_breaks_signals_total", "tickcast_breaks_dismissed_alarms_total", "tickcast_anomalies_ticks_total",
                "tickcast_deadletters_records_total",
                "tickcast_forecast_rmse",
                "tickcast_forecast_coverage_ratio", "tickcast_forecast_model_weight_ratio", "tickcast_train_loss",
                "tickcast_chow_statistic", "tickcast_chow_critical", "tickcast_break_statistic", "tickcast_break_threshold",
                "tickcast_forecast_expert_weight_ratio", "tickcast_train_duration_seconds_bucket",
                "tickcast_train_duration_seconds_count", "tickcast_train_duration_seconds_sum",
                "tickcast_train_duration_seconds_max", "tickcast_latency_seconds_bucket", "tickcast_latency_seconds_count",
                "tickcast_latency_seconds_sum", "tickcast_latency_seconds_max", "tickcast_train_skipped_steps_total",
                "tickcast_train_rollbacks_steps_total", "tickcast_stream_threads_replaced_threads_total",
                "tickcast_build_info")), names);
        registry.close();
    }

    /** Histograms, which add up across instances: the buckets Prometheus sees, in seconds. */
    @Test
    void latencyAndTrainingTimeAreHistogramsWithMillisecondBuckets() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TickcastMetrics m = TickcastMetrics.bind(registry, 10);
        m.latencyMillis(3);
        m.latencyMillis(40);
        m.trained(150_000_000L, 0, 0);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("# TYPE tickcast_latency_seconds histogram"), scrape);
        assertTrue(scrape.contains("tickcast_latency_seconds_bucket{le=\"0.002\"} 0"), scrape);
        assertTrue(scrape.contains("tickcast_latency_seconds_bucket{le=\"0.005\"} 1"), scrape);
        assertTrue(scrape.contains("tickcast_latency_seconds_bucket{le=\"0.05\"} 2"), scrape);
        assertTrue(scrape.contains("tickcast_latency_seconds_bucket{le=\"60.0\"} 2"), scrape);
        assertTrue(scrape.contains("tickcast_latency_seconds_bucket{le=\"+Inf\"} 2"), scrape);
        assertTrue(scrape.contains("# TYPE tickcast_train_duration_seconds histogram"), scrape);
        assertTrue(scrape.contains("tickcast_train_duration_seconds_bucket{le=\"0.1\"} 0"), scrape);
        assertTrue(scrape.contains("tickcast_train_duration_seconds_bucket{le=\"0.2\"} 1"), scrape);
        registry.close();
    }

    /** The build's version and commit as labels of a constant 1, from the Maven-filtered build.properties. */
    @Test
    void buildInfoNamesTheVersionAndCommit() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TickcastMetrics.bind(registry, 10);
        BuildInfo build = BuildInfo.current();
        assertTrue(build.version().matches("\\d+\\.\\d+\\.\\d+.*"), build.version());
        assertTrue(build.commit().matches("[0-9a-f]{7,}|unknown"), build.commit());
        String line = "tickcast_build_info{commit=\"" + build.commit() + "\",version=\"" + build.version() + "\"} 1";
        assertTrue(registry.scrape().contains(line), registry.scrape());
        registry.close();
    }

    @Test
    void theDecodedStateCacheExportsItsHitsMissesReplaysSizeAndBudget() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TickcastMetrics m = TickcastMetrics.bind(registry, 10);
        long[] counts = {7, 3, 12_345, 250};
        m.decodedStates(() -> counts[0], () -> counts[1], () -> counts[3], () -> counts[2], 1_000_000);
        counts[0] = 8;
        String scrape = registry.scrape();
        assertTrue(scrape.contains("tickcast_state_cache_hits_ticks_total 8.0"), scrape);
        assertTrue(scrape.contains("tickcast_state_cache_misses_ticks_total 3.0"), scrape);
        assertTrue(scrape.contains("tickcast_state_replayed_ticks_total 250.0"), scrape);
        assertTrue(scrape.contains("tickcast_state_cache_size_bytes 12345.0"), scrape);
        assertTrue(scrape.contains("tickcast_state_cache_limit_bytes 1000000.0"), scrape);
        registry.close();
    }

    @Test
    void theDecodedStateMetersKeepReadingAfterTheirSuppliersLeaveScope() throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TickcastMetrics m = TickcastMetrics.bind(registry, 10);
        java.util.concurrent.atomic.AtomicLong hits = new java.util.concurrent.atomic.AtomicLong(41);
        // Method references made here and kept nowhere else, as the topology registers them.
        m.decodedStates(hits::get, hits::get, hits::get, hits::get, 10);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        hits.set(42);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("tickcast_state_cache_hits_ticks_total 42.0"), scrape);
        assertTrue(scrape.contains("tickcast_state_replayed_ticks_total 42.0"), scrape);
        assertTrue(scrape.contains("tickcast_state_cache_size_bytes 42.0"), scrape);
        registry.close();
    }

    @Test
    void symbolLabelsAreBoundedAndTheRestAggregatedAsOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TickcastMetrics m = TickcastMetrics.bind(registry, 3);
        for (int i = 0; i < 10_000; i++) {
            m.symbol("S" + i).tick();
        }
        Set<String> labels = registry.find("tickcast.ticks").counters().stream()
                .map(c -> c.getId().getTag("symbol")).collect(Collectors.toSet());
        assertEquals(Set.of("S0", "S1", "S2", "other"), labels);
        assertEquals(9_997.0, registry.get("tickcast.ticks").tag("symbol", "other").counter().count());
        // An admitted symbol keeps its label.
        m.symbol("S1").tick();
        assertEquals(2.0, registry.get("tickcast.ticks").tag("symbol", "S1").counter().count());
    }

    @Test
    void eachRecordingMovesItsOwnMeter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TickcastMetrics m = TickcastMetrics.bind(registry, 10);
        TickcastMetrics.SymbolMeters x = m.symbol("X");
        x.tick();
        x.tick();
        x.forecast();
        x.breakSignal();
        x.breakSignal();
        x.breakSignal();
        x.breakDismissed();
        assertEquals(2.0, counter(registry, "tickcast.ticks"));
        assertEquals(1.0, counter(registry, "tickcast.forecasts"));
        assertEquals(3.0, counter(registry, "tickcast.breaks"));
        assertEquals(1.0, counter(registry, "tickcast.breaks.dismissed"));

        assertNull(registry.find("tickcast.train.loss").gauge(), "absent until the first value");
        x.scores(1.5, 2.5, 0.875);
        x.modelWeight(0.25);
        x.trainLoss(0.125);
        x.breakStatistic("scan", 3.5, 2.25);
        assertEquals(1.5, registry.get("tickcast.forecast.rmse").tag("model", "model").gauge().value());
        assertEquals(2.5, registry.get("tickcast.forecast.rmse").tag("model", "persistence").gauge().value());
        assertEquals(0.875, gauge(registry, "tickcast.forecast.coverage"));
        assertEquals(0.25, gauge(registry, "tickcast.forecast.model.weight"));
        assertEquals(0.125, gauge(registry, "tickcast.train.loss"));
        assertEquals(3.5, gauge(registry, "tickcast.chow.statistic"));
        assertEquals(2.25, gauge(registry, "tickcast.chow.critical"));
        assertEquals(3.5, gauge(registry, "tickcast.break.statistic"));
        assertEquals(2.25, gauge(registry, "tickcast.break.threshold"));
        x.scores(null, null, null);
        assertNull(registry.find("tickcast.forecast.coverage").gauge(), "no score: absent, not NaN");
        x.scores(1.0, 2.0, 0.5);
        assertEquals(0.5, gauge(registry, "tickcast.forecast.coverage"), "present again");

        m.deadLetter("duplicate");
        m.deadLetter("duplicate");
        m.deadLetter("malformed_json");
        assertEquals(2.0, registry.get("tickcast.deadletters").tag("reason", "duplicate").counter().count());
        assertEquals(1.0, registry.get("tickcast.deadletters").tag("reason", "malformed_json").counter().count());

        m.trained(TimeUnit.MILLISECONDS.toNanos(3), 2, 0);
        m.trained(TimeUnit.MILLISECONDS.toNanos(5), 0, 1);
        Timer train = registry.get("tickcast.train.duration").timer();
        assertEquals(2, train.count());
        assertEquals(8.0, train.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(2.0, counter(registry, "tickcast.train.skipped"));
        assertEquals(1.0, counter(registry, "tickcast.train.rollbacks"));

        m.latencyMillis(7);
        m.latencyMillis(-1); // a record timestamp in the future: not a latency
        Timer latency = registry.get("tickcast.latency").timer();
        assertEquals(1, latency.count());
        assertEquals(7.0, latency.totalTime(TimeUnit.MILLISECONDS), 1e-9);

        m.streamThreadReplaced();
        assertEquals(1.0, counter(registry, "tickcast.stream.threads.replaced"));
    }

    @Test
    void itBindsOnceAndRecordsOnlyWhenBound() {
        TickcastMetrics m = new TickcastMetrics(10);
        assertThrows(IllegalStateException.class, () -> m.symbol("X"));
        assertThrows(IllegalStateException.class, () -> m.deadLetter("duplicate"));
        assertThrows(IllegalStateException.class, () -> m.trained(1, 0, 0));
        assertThrows(IllegalStateException.class, () -> m.latencyMillis(1));
        assertThrows(IllegalStateException.class, m::streamThreadReplaced);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        m.bindTo(registry);
        assertThrows(IllegalStateException.class, () -> m.bindTo(new SimpleMeterRegistry()));
        m.symbol("X").tick();
        assertEquals(1.0, counter(registry, "tickcast.ticks"));
    }

    private static double counter(SimpleMeterRegistry r, String name) {
        return r.get(name).counter().count();
    }

    private static double gauge(SimpleMeterRegistry r, String name) {
        return r.get(name).gauge().value();
    }

    /**
     * The default mode (cusum): the generic gauges move with every record, the threshold is never NaN (absent while
     * undefined), and the Chow gauges do not exist.
     */
    @Test
    void theBreakGaugesFollowEveryModeAndAreNeverNaN() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TickcastMetrics.SymbolMeters x = TickcastMetrics.bind(registry, 10).symbol("DAX");
        x.breakStatistic("cusum", null, 8.72); // not monitoring yet
        assertNull(registry.find("tickcast.break.statistic").gauge(), "no statistic yet: absent");
        assertEquals(8.72, registry.get("tickcast.break.threshold").gauge().value());
        x.breakStatistic("cusum", 0.5, 8.72);
        assertEquals(0.5, registry.get("tickcast.break.statistic").gauge().value());
        x.breakStatistic("cusum", 1.25, 9.5);
        assertEquals(1.25, registry.get("tickcast.break.statistic").gauge().value());
        assertEquals(9.5, registry.get("tickcast.break.threshold").gauge().value());
        x.breakStatistic("cusum", Double.NaN, null);
        assertNull(registry.find("tickcast.break.statistic").gauge());
        assertNull(registry.find("tickcast.break.threshold").gauge());
        x.breakStatistic("cusum", 0.0, 8.72);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("tickcast_break_statistic{symbol=\"DAX\"} 0.0"), scrape);
        assertTrue(scrape.contains("tickcast_break_threshold{symbol=\"DAX\"} 8.72"), scrape);
        assertFalse(scrape.contains("tickcast_chow_"), "no Chow gauges in cusum mode: " + scrape);
        assertFalse(scrape.contains("NaN"), scrape);
        registry.close();
    }
}
