package io.tickcast.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.metrics.TickcastMetrics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the deployment files under {@code deploy/} and the compose file: the Prometheus config and
 * alert rules with promtool (including the rules' unit tests), docker-compose.yml with docker-compose,
 * that every {@code tickcast_*} metric the dashboard and the alerts refer to is one tickcast
 * exports (and every {@code kafka_stream_*} one the Kafka Streams binder exports), and that docs/operations.md's
 * metrics table lists exactly the {@code tickcast_*} metrics exported.
 *
 * <p>promtool and docker-compose are required, not optional: {@code .ci/run} installs them.
 */
class DeployFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus");
    private static final Path DASHBOARD = ROOT.resolve("deploy/grafana/dashboards/tickcast.json");
    private static final Path OPERATIONS = ROOT.resolve("docs/operations.md");
    private static final Pattern TICKCAST_NAME = Pattern.compile("\\btickcast_\\w+");
    private static final Pattern KAFKA_STREAM_NAME = Pattern.compile("\\bkafka_stream_\\w+");

    private static Set<String> exported;

    @BeforeAll
    static void scrapeTickcastMeters() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            TickcastMetrics m = TickcastMetrics.bind(registry, 10);
            TickcastMetrics.SymbolMeters x = m.symbol("X");
            x.tick();
            x.forecast();
            x.breakSignal();
            x.scores(1.0, 1.0, 0.9);
            x.breakStatistic("fixed", 3.0, 2.2);
            x.expertWeights(java.util.Map.of("holt", 0.6, "persistence", 0.4));
            x.trainLoss(0.5);
            x.modelWeight(0.4);
            m.deadLetter("duplicate");
            m.trained(TimeUnit.MILLISECONDS.toNanos(5), 1, 1);
            m.latencyMillis(12);
            m.streamThreadReplaced();
            m.decodedStates(() -> 5, () -> 1, () -> 40, () -> 70_000, 1 << 30);
            exported = sampleNames(registry.scrape());
        } finally {
            registry.close();
        }
        assertTrue(exported.contains("tickcast_deadletters_records_total"), "scrape: " + exported);
    }

    @Test
    void prometheusConfigIsValid() {
        run(List.of("promtool", "check", "config", PROMETHEUS.resolve("prometheus.yml").toString()), "promtool",
                "apt-get install prometheus");
    }

    @Test
    void alertRulesAreValid() {
        run(List.of("promtool", "check", "rules", PROMETHEUS.resolve("alerts.yml").toString()), "promtool",
                "apt-get install prometheus");
    }

    @Test
    void alertRuleUnitTestsPass() {
        run(List.of("promtool", "test", "rules", PROMETHEUS.resolve("alerts_test.yml").toString()), "promtool",
                "apt-get install prometheus");
    }

    @Test
    void composeFileIsValid() {
        run(List.of("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config", "-q"),
                "docker-compose", "apt-get install docker-compose");
    }

    @Test
    void everyAlertIsUnitTested() throws IOException {
        String rules = Files.readString(PROMETHEUS.resolve("alerts.yml"));
        String tests = Files.readString(PROMETHEUS.resolve("alerts_test.yml"));
        Matcher alert = Pattern.compile("(?m)^\\s*-\\s*alert:\\s*(\\S+)").matcher(rules);
        List<String> untested = new ArrayList<>();
        int alerts = 0;
        while (alert.find()) {
            alerts++;
            String name = alert.group(1);
            // one evaluation expecting the alert and one expecting none
            Matcher firing = Pattern.compile("alertname:\\s*" + Pattern.quote(name) + "\\s*\\n\\s*exp_alerts:\\s*\\n").matcher(tests);
            Matcher silent = Pattern.compile("alertname:\\s*" + Pattern.quote(name) + "\\s*\\n\\s*exp_alerts:\\s*\\[\\]").matcher(tests);
            if (!firing.find() || !silent.find()) {
                untested.add(name);
            }
        }
        assertTrue(alerts >= 6, "alerts.yml has " + alerts + " alerts");
        assertEquals(List.of(), untested, "alerts without a firing and a non-firing case in alerts_test.yml");
    }

    @Test
    void dashboardReferencesOnlyExportedTickcastMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> exprs = new ArrayList<>();
        collectExpressions(dashboard.path("panels"), exprs);
        assertTrue(exprs.size() >= 8, "panel expressions: " + exprs);
        Set<String> used = names(TICKCAST_NAME, String.join("\n", exprs));
        for (JsonNode var : dashboard.path("templating").path("list")) {
            used.addAll(names(TICKCAST_NAME, var.path("definition").asText("")));
            JsonNode query = var.path("query");
            used.addAll(names(TICKCAST_NAME, query.isTextual() ? query.asText() : query.path("query").asText("")));
        }
        assertFalse(used.isEmpty(), "no tickcast_* metric in the dashboard");
        assertExported(used, "deploy/grafana/dashboards/tickcast.json");
        assertTrue(hasVariable(dashboard, "symbol"), "the dashboard needs a $symbol variable");
    }

    @Test
    void alertsReferenceOnlyExportedTickcastMetrics() throws IOException {
        Set<String> used = names(TICKCAST_NAME, Files.readString(PROMETHEUS.resolve("alerts.yml")));
        assertFalse(used.isEmpty(), "no tickcast_* metric in alerts.yml");
        assertExported(used, "deploy/prometheus/alerts.yml");
    }

    /** A histogram's {@code _bucket}, {@code _count}, {@code _sum} and {@code _max} samples are documented with it. */
    @Test
    void documentedMetricsTableListsExactlyTheExportedTickcastMetrics() throws IOException {
        String readme = Files.readString(OPERATIONS);
        int section = readme.indexOf("## Metrics");
        assertTrue(section >= 0, "docs/operations.md has no '## Metrics' section");
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(tickcast_\\w+)` \\|").matcher(readme.substring(section));
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> exportedBases = new TreeSet<>();
        for (String name : exported) {
            if (name.startsWith("tickcast_")) {
                String base = name.replaceFirst("_(bucket|count|sum|max)$", "");
                exportedBases.add(exported.contains(base) || exported.contains(base + "_bucket") ? base : name);
            }
        }
        assertEquals(exportedBases, documented, "docs/operations.md's metrics table vs the tickcast_* metrics exported");
    }

    /**
     * The Kafka Streams client metrics used by the alerts and the dashboard exist: binds Micrometer's
     * KafkaStreamsMetrics to a created (never started) KafkaStreams, as TickcastApp does.
     */
    @Test
    void kafkaStreamsMetricsReferencedExist(@TempDir Path stateDir) throws IOException {
        Set<String> used = names(KAFKA_STREAM_NAME, Files.readString(PROMETHEUS.resolve("alerts.yml")));
        used.addAll(names(KAFKA_STREAM_NAME, Files.readString(DASHBOARD)));
        assertFalse(used.isEmpty(), "no kafka_stream_* metric referenced");

        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "deploy-files-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", org.apache.kafka.streams.kstream.Consumed.with(Serdes.String(), Serdes.String())).to("out");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreams streams = new KafkaStreams(b.build(), p);
        try (KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams)) {
            binder.bindTo(registry);
            Set<String> names = sampleNames(registry.scrape());
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(names);
            assertEquals(Set.of(), missing, "kafka_stream_* metrics referenced but not exported; exported: "
                    + names.stream().filter(n -> n.startsWith("kafka_stream_")).toList());
        } finally {
            streams.close(Duration.ofSeconds(10));
            registry.close();
        }
    }

    private static void assertExported(Set<String> used, String where) {
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, where + " refers to metrics tickcast does not export; it exports "
                + exported.stream().filter(n -> n.startsWith("tickcast_")).toList());
    }

    private static boolean hasVariable(JsonNode dashboard, String name) {
        for (JsonNode var : dashboard.path("templating").path("list")) {
            if (name.equals(var.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Panel target expressions, including panels nested in collapsed rows. */
    private static void collectExpressions(JsonNode panels, List<String> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank()) {
                    out.add(expr);
                }
            }
            collectExpressions(panel.path("panels"), out);
        }
    }

    private static Set<String> names(Pattern p, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Metric names of the sample lines of a Prometheus text exposition. */
    private static Set<String> sampleNames(String exposition) {
        Set<String> out = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            out.add(line.substring(0, end));
        }
        return out;
    }

    /** Runs a command in the project directory and asserts exit code 0, with its output in the message. */
    private static void run(List<String> command, String tool, String install) {
        if (!onPath(tool)) {
            fail(tool + " is not installed (not on PATH). Install it to run these checks, e.g. `" + install
                    + "` on Debian/Ubuntu; .ci/run installs it in CI.");
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process process = pb.start();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 120 s");
            }
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n"
                    + new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            fail("cannot run " + String.join(" ", command) + ": " + e.getMessage() + ". Install " + tool
                    + " (e.g. `" + install + "`).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
