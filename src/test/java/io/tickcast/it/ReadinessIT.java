package io.tickcast.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.runtime.EmbeddedKafka;
import io.tickcast.runtime.Health;
import io.tickcast.runtime.TickcastApp;
import io.tickcast.serde.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A broker outage: Kafka Streams stays RUNNING while no broker answers, yet {@code /ready} turns 503 within
 * {@link Health#CLUSTER_SILENCE_MAX} and a probe interval, saying why, and 200 again once the broker is back;
 * {@code /health} stays 200 throughout (a restart would not bring the broker back). The test has a broker of its own,
 * the embedded one, since it stops it.
 */
@Tag("integration")
class ReadinessIT {

    private static final Duration POLL = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessFollowsTheBrokerAndLivenessIgnoresIt() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null)) {
            Map<String, Object> cfg = ItSupport.isolatedConfig(new KafkaBroker.Broker(kafka.bootstrapServers(), "embedded"),
                    "ready");
            try (TickcastApp app = ItSupport.startApp(cfg)) {
                int port = app.httpPort();
                await(port, 200, Duration.ofSeconds(30));
                assertEquals(200, get(port, "/health").statusCode());

                kafka.stop();
                long down = System.nanoTime();
                HttpResponse<String> notReady = await(port, 503, Health.CLUSTER_SILENCE_MAX.plusSeconds(5));
                Duration took = Duration.ofNanos(System.nanoTime() - down);
                assertTrue(took.compareTo(Duration.ofSeconds(20)) <= 0, "503 after " + took.toMillis() + " ms");
                JsonNode body = Json.mapper().readTree(notReady.body());
                assertEquals("NOT_READY", body.path("status").asText(), notReady.body());
                assertTrue(body.path("reason").asText().startsWith("cannot reach the Kafka cluster at "
                        + kafka.bootstrapServers() + " for "), notReady.body());
                assertEquals(org.apache.kafka.streams.KafkaStreams.State.RUNNING, app.streams().state(),
                        "Kafka Streams does not notice");

                kafka.restart();
                await(port, 200, Duration.ofSeconds(90));
            }
        }
    }

    /** Polls {@code /ready} until it answers {@code status}, checking that {@code /health} stays 200 meanwhile. */
    private HttpResponse<String> await(int port, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(port, "/ready");
            if (last.statusCode() == status) {
                return last;
            }
            HttpResponse<String> health = get(port, "/health");
            assertEquals(200, health.statusCode(), health.body());
            Thread.sleep(POLL.toMillis());
        }
        fail("/ready did not answer " + status + " within " + timeout.toSeconds() + " s; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
        return last;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
