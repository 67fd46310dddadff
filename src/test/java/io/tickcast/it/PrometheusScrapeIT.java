package io.tickcast.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.runtime.TickcastApp;
import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A real Prometheus (Debian's, as a plain process) scrapes a running tickcast; its metrics come back through the query API. */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class PrometheusScrapeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusScrapesTickcastsMeters(KafkaBroker.Broker broker, @TempDir Path dir) throws Exception {
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "prom");
        List<String[]> ticks = ItSupport.randomWalks(3, 100, 8);
        ticks.add(new String[] {"S0", "{broken"});
        try (TickcastApp app = ItSupport.startApp(cfg)) {
            ItSupport.produce(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_TICKS), ticks);
            ItSupport.readUntil(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_FORECASTS),
                    l -> l.size() >= 300, Duration.ofMinutes(2));
            int promPort = freePort();
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: tickcast
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(app.httpPort()));
            Process prom = startPrometheus(dir, promPort);
            try {
                JsonNode forecasts = awaitResult(promPort, "sum(tickcast_forecasts_records_total)");
                assertEquals(300.0, forecasts.get(0).path("value").get(1).asDouble());
                JsonNode dead = awaitResult(promPort, "tickcast_deadletters_records_total{reason=\"malformed_json\"}");
                assertEquals(1.0, dead.get(0).path("value").get(1).asDouble());
                JsonNode up = awaitResult(promPort, "up{job=\"tickcast\"}");
                assertEquals(1.0, up.get(0).path("value").get(1).asDouble());
                assertTrue(awaitResult(promPort, "kafka_stream_alive_stream_threads").size() > 0);
                assertTrue(awaitResult(promPort, "tickcast_forecast_rmse{model=\"persistence\"}").size() == 3);
            } finally {
                prom.destroy();
                prom.waitFor();
            }
        }
    }

    private Process startPrometheus(Path dir, int port) throws Exception {
        try {
            return new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        } catch (java.io.IOException e) {
            return fail("the 'prometheus' binary is needed (Debian: apt-get install prometheus; .ci/run installs it): " + e);
        }
    }

    /** Polls the query API until the instant query returns a non-empty vector (30 s at most). */
    private JsonNode awaitResult(int port, String promql) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                JsonNode result = Json.mapper().readTree(r.body()).path("data").path("result");
                if (r.statusCode() == 200 && result.size() > 0) {
                    return result;
                }
            } catch (java.io.IOException notYetUp) {
                last = notYetUp.toString();
            }
            Thread.sleep(500);
        }
        return fail("no result for " + promql + ": " + last);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
