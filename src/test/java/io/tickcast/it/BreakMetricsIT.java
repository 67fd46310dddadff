package io.tickcast.it;

import io.tickcast.config.TickcastConfig;
import io.tickcast.runtime.TickcastApp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The break detector's gauges in the default mode (cusum) on a generated stream, scraped from {@code /metrics} as
 * Prometheus would between batches of ticks: every symbol has a finite threshold (never NaN), the statistic moves
 * from scrape to scrape, no tickcast gauge reads NaN, and the Chow test's gauges do not exist in this mode.
 */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class BreakMetricsIT {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^(tickcast_break_(?:statistic|threshold))\\{[^}]*symbol=\"([^\"]+)\"[^}]*} (\\S+)$");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void cusumModeExportsAMovingStatisticAndAFiniteThresholdForEverySymbol(KafkaBroker.Broker broker) throws Exception {
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "breakmetrics");
        int symbols = 3;
        int perSymbol = 150;
        List<String[]> ticks = ItSupport.randomWalks(symbols, perSymbol, 21);
        String topic = (String) cfg.get(TickcastConfig.TOPIC_TICKS);
        String forecasts = (String) cfg.get(TickcastConfig.TOPIC_FORECASTS);
        List<Map<String, Double>> statistics = new ArrayList<>();
        try (TickcastApp app = ItSupport.startApp(cfg)) {
            int sent = 0;
            // 50 ticks per symbol first (monitoring starts after breaks.history rows), then batches of 20
            for (int upTo : new int[] {50, 70, 90, 110, 130, 150}) {
                int end = upTo * symbols;
                ItSupport.produce(broker.bootstrapServers(), topic, ticks.subList(sent, end));
                sent = end;
                int expected = end;
                ItSupport.readUntil(broker.bootstrapServers(), forecasts, l -> l.size() >= expected,
                        Duration.ofMinutes(2));
                String scrape = scrape(app.httpPort());
                Map<String, Double> stat = new HashMap<>();
                Map<String, Double> threshold = new HashMap<>();
                Matcher m = SAMPLE.matcher(scrape);
                while (m.find()) {
                    (m.group(1).endsWith("statistic") ? stat : threshold).put(m.group(2), Double.parseDouble(m.group(3)));
                }
                for (int s = 0; s < symbols; s++) {
                    Double h = threshold.get("S" + s);
                    assertNotNull(h, "tickcast_break_threshold for S" + s + " after " + upTo + " ticks:\n" + scrape);
                    assertTrue(Double.isFinite(h) && h > 0, "S" + s + " threshold " + h);
                }
                for (String line : scrape.lines().filter(l -> l.startsWith("tickcast_")).toList()) {
                    assertFalse(line.endsWith(" NaN"), "a tickcast gauge reads NaN: " + line);
                }
                assertFalse(scrape.contains("tickcast_chow_"), "no Chow gauges in breaks.mode=cusum:\n" + scrape);
                statistics.add(stat);
            }
        }
        for (int s = 0; s < symbols; s++) {
            String sym = "S" + s;
            Set<Double> seen = new HashSet<>();
            long present = statistics.stream().filter(m -> m.containsKey(sym)).peek(m -> seen.add(m.get(sym))).count();
            assertTrue(present >= statistics.size() - 1, sym + ": the statistic in " + present + " of "
                    + statistics.size() + " scrapes: " + statistics);
            assertTrue(seen.size() >= 2, sym + ": the statistic never moved between scrapes: " + statistics);
        }
        assertEquals(6, statistics.size());
    }

    private String scrape(int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
