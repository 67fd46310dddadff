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
import java.util.ArrayList;
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
 * holds it; unknown symbols are a JSON 404. The live page's endpoints too: the paged overview merges both
 * instances' rows, a symbol's history comes from the instance that holds it, bad parameters are a JSON 400.
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
            Map<String, JsonNode> lastTicks = lastTicks(ticks);
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
                    // the default detector is the break monitor: its CUSUM statistic and threshold under generic names,
                    // none of the Chow test's fields
                    JsonNode det = body.path("detector");
                    assertEquals("cusum", det.path("mode").asText(), r.body());
                    assertEquals("Sequential CUSUM", det.path("name").asText(), r.body());
                    assertTrue(det.path("statistic").isNumber(), r.body());
                    assertTrue(det.path("threshold").isNumber(), r.body());
                    assertTrue(det.path("signals").isNumber(), r.body());
                    assertFalse(det.has("f_crit"), "no Chow fields in cusum mode: " + r.body());
                    assertFalse(body.has("chow"), r.body());
                }
                JsonNode model = json(get(port, "/symbols/S3/model"));
                assertEquals(100, model.path("lstm.weight_ih_l0").size(), "4H rows for H = 25");
                JsonNode impulse = json(get(port, "/symbols/S3/impulse"));
                assertEquals(1.0, impulse.path("input").get(0).asDouble());
                HttpResponse<String> missing = get(port, "/symbols/NOPE");
                assertEquals(404, missing.statusCode());
                assertTrue(json(missing).path("error").asText().contains("NOPE"));
                overviewPagesMergeBothInstances(port, expected, lastTicks);
                historyComesFromTheHoldingInstance(port, expected, lastTicks);
                badParametersAreA400(port);
            }
            assertTrue(ScaleOutIT.activeTasks(one) > 0 && ScaleOutIT.activeTasks(two) > 0, "both instances held symbols");
            anySymbolIsFoundFromEitherInstance(broker, cfg, ticks.size(), portA, portB);
        }
    }

    /**
     * Symbols a URL must escape, each asked of both instances (so one of them forwards it): the answer is the symbol's,
     * whatever it holds. In a path {@code +} is a plus, and {@code %20} a space.
     */
    private void anySymbolIsFoundFromEitherInstance(KafkaBroker.Broker broker, Map<String, Object> cfg, int produced,
                                                    int portA, int portB) throws Exception {
        List<String> odd = List.of("B+c", "B c", "50%", "%41", "a/b", "x;y", "..", "\u03a9mega \u00e9", "\u65e5\u672c");
        List<String[]> ticks = new ArrayList<>();
        for (String s : odd) {
            for (int t = 1; t <= 2; t++) {
                ticks.add(new String[] {s, ItSupport.tickJson(s, t * 60_000L, 100 + t)});
            }
        }
        ItSupport.produce(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_TICKS), ticks);
        ItSupport.readUntil(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_FORECASTS),
                l -> l.size() >= produced + ticks.size(), Duration.ofMinutes(2));
        for (int port : new int[] {portA, portB}) {
            for (String s : odd) {
                String encoded = java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
                encoded = encoded.equals("..") ? "%2E%2E" : encoded;
                HttpResponse<String> r = get(port, "/symbols/" + encoded);
                assertEquals(200, r.statusCode(), s + " on " + port + ": " + r.body());
                assertEquals(s, json(r).path("symbol").asText());
                assertEquals(2, json(r).path("ticks").asInt(), r.body());
                HttpResponse<String> h = get(port, "/symbols/" + encoded + "/history?n=2");
                assertEquals(200, h.statusCode(), s + " on " + port + ": " + h.body());
                assertEquals(s, json(h).path("symbol").asText());
            }
            assertEquals("B+c", json(get(port, "/symbols/B+c")).path("symbol").asText(), "a plus in a path is a plus");
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/symbols/%25zz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, bad.statusCode(), "%25zz is the symbol '%zz', unknown: " + bad.body());
        }
    }

    /** Pages of three, by descending symbol, cover every symbol once on either instance; the rows are the last ticks'. */
    private void overviewPagesMergeBothInstances(int port, Set<String> expected, Map<String, JsonNode> lastTicks)
            throws Exception {
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < expected.size(); offset += 3) {
            JsonNode page = json(get(port, "/symbols?limit=3&sort=-symbol&offset=" + offset));
            assertEquals(expected.size(), page.path("total").asInt(), page.toString());
            assertTrue(page.path("missing_instances").isMissingNode(), page.toString());
            for (JsonNode row : page.path("rows")) {
                String s = row.path("symbol").asText();
                seen.add(s);
                assertEquals(80, row.path("ticks").asInt(), row.toString());
                assertEquals(lastTicks.get(s).path("ts").asLong(), row.path("ts").asLong(), row.toString());
                assertEquals(lastTicks.get(s).path("value").asDouble(), row.path("value").asDouble(), row.toString());
                assertTrue(row.path("rmse").isNumber() && row.path("coverage").isNumber(), row.toString());
            }
        }
        List<String> descending = new ArrayList<>(expected);
        descending.sort(java.util.Comparator.reverseOrder());
        assertEquals(descending, seen, "instance on " + port);
        JsonNode search = json(get(port, "/symbols?q=s3"));
        assertEquals(List.of("S3"), names(search.path("symbols")));
        assertEquals(1, search.path("total").asInt());
    }

    /** Every symbol's recent ticks, from whichever instance is asked: the produced ticks, in order. */
    private void historyComesFromTheHoldingInstance(int port, Set<String> expected, Map<String, JsonNode> lastTicks)
            throws Exception {
        for (String s : expected) {
            HttpResponse<String> r = get(port, "/symbols/" + s + "/history?n=5");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode h = json(r);
            JsonNode ts = h.path("points").path("ts");
            assertEquals(5, ts.size(), r.body());
            for (int i = 0; i < 5; i++) {
                assertEquals((76 + i) * 60_000L, ts.get(i).asLong(), "ticks 76..80 of " + s);
            }
            assertEquals(lastTicks.get(s).path("value").asDouble(), h.path("points").path("value").get(4).asDouble());
            assertTrue(h.path("points").path("forecast").get(0).isNumber(), "the forecast made at tick 75");
            assertEquals(80, h.path("latest").path("ticks").asInt(), r.body());
            assertTrue(h.path("experts").size() > 1, r.body());
        }
        HttpResponse<String> unknown = get(port, "/symbols/NOPE/history");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(json(unknown).path("error").asText().contains("unknown symbol: NOPE"), unknown.body());
    }

    private void badParametersAreA400(int port) throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("/symbols?limit=0", "limit must be between 1 and 500");
        cases.put("/symbols?limit=many", "limit must be an integer");
        cases.put("/symbols?sort=price", "unknown sort column 'price'");
        cases.put("/symbols?page=2", "unknown parameter 'page'");
        cases.put("/symbols?local=maybe", "local must be true or false");
        cases.put("/symbols/S1/history?n=0", "n must be between 1 and 256");
        cases.put("/symbols/S1/history?n=x", "n must be an integer");
        cases.put("/symbols/S1?n=3", "unknown parameter 'n'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = get(port, c.getKey());
            assertEquals(400, r.statusCode(), c.getKey() + " " + r.body());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
            JsonNode body = json(r);
            assertEquals(400, body.path("status").asInt());
            assertTrue(body.path("error").asText().contains(c.getValue()), c.getKey() + " " + r.body());
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The last tick produced per symbol, as JSON. */
    private static Map<String, JsonNode> lastTicks(List<String[]> ticks) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (String[] kv : ticks) {
            out.put(kv[0], Json.mapper().readTree(kv[1]));
        }
        return out;
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
