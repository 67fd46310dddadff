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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP queries over two instances: each answers for every symbol, forwarding to the instance that
 * holds it; unknown symbols are a JSON 404.
 */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class HttpQueriesIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyInstanceAnswersForEverySymbol(KafkaBroker.Broker broker, @TempDir Path dir) throws Exception {
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "http");
        cfg.put(TickcastConfig.TRAIN_EVERY, "16");
        cfg.put(TickcastConfig.TRAIN_MIN, "20");
        cfg.put(TickcastConfig.CHOW_WINDOW, "40");
        List<String[]> ticks = ItSupport.randomWalks(8, 80, 3);
        int portA = freePort();
        int portB = freePort();
        Map<String, Object> a = new HashMap<>(cfg);
        a.put(TickcastConfig.HTTP_PORT, String.valueOf(portA));
        a.put("application.server", "127.0.0.1:" + portA);
        a.put("state.dir", dir.resolve("a").toString());
        Map<String, Object> b = new HashMap<>(cfg);
        b.put(TickcastConfig.HTTP_PORT, String.valueOf(portB));
        b.put("application.server", "127.0.0.1:" + portB);
        b.put("state.dir", dir.resolve("b").toString());
        try (TickcastApp one = ItSupport.startApp(a); TickcastApp two = ItSupport.startApp(b)) {
            ScaleOutIT.awaitBothActive(one, two);
            ItSupport.produce(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_TICKS), ticks);
            ItSupport.readUntil(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_FORECASTS),
                    l -> l.size() >= ticks.size(), Duration.ofMinutes(3));
            Set<String> expected = new TreeSet<>(List.of("S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7"));
            for (int port : new int[] {portA, portB}) {
                assertEquals(200, get(port, "/health").statusCode());
                assertEquals(200, get(port, "/ready").statusCode());
                JsonNode symbols = json(get(port, "/symbols"));
                Set<String> seen = new TreeSet<>();
                symbols.path("symbols").forEach(n -> seen.add(n.asText()));
                assertEquals(expected, seen, "instance on " + port + " lists every symbol");
                for (String s : expected) {
                    HttpResponse<String> r = get(port, "/symbols/" + s);
                    assertEquals(200, r.statusCode(), r.body());
                    JsonNode body = json(r);
                    assertEquals(s, body.path("symbol").asText());
                    assertEquals(80, body.path("ticks").asInt());
                    assertTrue(body.path("model").path("updates").asInt() > 0, r.body());
                    // the default detector is the break monitor: its CUSUM statistic and threshold as f and f_crit,
                    // no p-value (that is the Chow test's)
                    assertEquals("cusum", body.path("chow").path("mode").asText(), r.body());
                    assertTrue(body.path("chow").path("f").isNumber(), r.body());
                    assertTrue(body.path("chow").path("f_crit").isNumber(), r.body());
                    assertFalse(body.path("chow").path("p_value").isNumber(), r.body());
                }
                JsonNode model = json(get(port, "/symbols/S3/model"));
                assertEquals(100, model.path("lstm.weight_ih_l0").size(), "4H rows for H = 25");
                JsonNode impulse = json(get(port, "/symbols/S3/impulse"));
                assertEquals(1.0, impulse.path("input").get(0).asDouble());
                HttpResponse<String> missing = get(port, "/symbols/NOPE");
                assertEquals(404, missing.statusCode());
                assertTrue(json(missing).path("error").asText().contains("NOPE"));
            }
            assertTrue(ScaleOutIT.activeTasks(one) > 0 && ScaleOutIT.activeTasks(two) > 0, "both instances held symbols");
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
