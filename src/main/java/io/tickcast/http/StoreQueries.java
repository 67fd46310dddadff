package io.tickcast.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.config.TickcastConfig;
import io.tickcast.model.LstmModel;
import io.tickcast.serde.Json;
import io.tickcast.serde.ModelJson;
import io.tickcast.stream.LocalSymbols;
import io.tickcast.stream.SymbolSnapshot;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code /symbols} endpoints over Kafka Streams interactive queries ({@link LocalSymbols}): routing, forwarding
 * and the JSON answers. A symbol held by another instance is answered through that instance
 * ({@code application.server}); {@code /symbols} merges every instance's local symbols.
 */
public final class StoreQueries implements SymbolQueries {

    private final KafkaStreams streams;
    private final LocalSymbols local;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public StoreQueries(KafkaStreams streams, TickcastConfig config, HostInfo self) {
        this.streams = streams;
        this.local = new LocalSymbols(streams, config);
        this.self = self;
    }

    @Override
    public Response handle(String path, boolean localOnly) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        try {
            if (parts.length == 1) {
                return new Response(200, Map.of("symbols", symbols(localOnly)));
            }
            String symbol = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            String view = parts.length > 2 ? parts[2] : "";
            if (parts.length > 3 || !(view.isEmpty() || view.equals("model") || view.equals("impulse"))) {
                return error(404, "no such endpoint: " + path);
            }
            KeyQueryMetadata meta = local.metadata(symbol);
            HostInfo owner = meta == null ? null : meta.activeHost();
            if (!localOnly && owner != null && self != null && owner.port() >= 0 && !owner.equals(self)
                    && !owner.equals(HostInfo.unavailable())) {
                return forward(owner, path);
            }
            SymbolSnapshot snapshot = local.get(symbol).orElse(null);
            if (snapshot == null) {
                return error(404, "unknown symbol: " + symbol);
            }
            LstmModel model = snapshot.lstm();
            return switch (view) {
                case "model" -> model == null ? error(404, "symbol " + symbol + " has not trained a model yet")
                        : new Response(200, modelJson(model));
                case "impulse" -> model == null ? error(404, "symbol " + symbol + " has not trained a model yet")
                        : new Response(200, model.impulseResponse(30));
                default -> new Response(200, summary(snapshot));
            };
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return error(503, "state stores are not queryable yet (rebalancing or restoring): " + e.getMessage());
        }
    }

    private TreeSet<String> symbols(boolean localOnly) {
        TreeSet<String> out = new TreeSet<>(local.symbols());
        if (!localOnly && self != null) {
            for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
                if (!m.hostInfo().equals(self) && m.hostInfo().port() >= 0) {
                    Response r = forward(m.hostInfo(), "/symbols");
                    if (r.status() == 200 && r.body() instanceof JsonNode n) {
                        n.path("symbols").forEach(s -> out.add(s.asText()));
                    }
                }
            }
        }
        return out;
    }

    /** The answer of {@code /symbols/{s}}. */
    private static Map<String, Object> summary(SymbolSnapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", s.symbol());
        out.put("ticks", s.ticks());
        out.put("last_ts", s.lastTs());
        out.put("last_value", s.lastValue());
        Map<String, Object> last = new LinkedHashMap<>();
        if (s.lastForecast() != null) {
            List<SymbolSnapshot.Step> steps = s.lastForecast().steps();
            for (int h = 0; h < steps.size(); h++) {
                SymbolSnapshot.Step step = steps.get(h);
                last.put("step_" + (h + 1), Map.of("forecast", step.forecast(), "lower", step.lower(), "upper", step.upper()));
            }
            last.put("source", s.lastForecast().source());
            if (s.lastForecast().weights() != null) {
                last.put("experts", s.lastForecast().weights());
            }
        }
        out.put("last_forecast", last);
        out.put("period", s.period());
        out.put("candidate_period", s.candidatePeriod());
        Map<String, Object> m = new LinkedHashMap<>();
        SymbolSnapshot.Model model = s.model();
        if (model != null) {
            m.put("updates", model.updates());
            m.put("last_loss", model.lastLoss());
            m.put("skipped_steps", model.skippedSteps());
            m.put("rollbacks", model.rollbacks());
            m.put("hidden", model.hidden());
            m.put("layers", model.layers());
            m.put("horizon", model.horizon());
        }
        out.put("model", m);
        Map<String, Object> c = new LinkedHashMap<>();
        SymbolSnapshot.Detector d = s.detector();
        if (d != null) {
            c.put("mode", d.mode());
            c.put("window", d.window());
            c.put("k", d.k());
            c.put("alpha", d.alpha());
            c.put("f", d.f());
            c.put("f_crit", d.fCrit());
            c.put("p_value", d.pValue());
            c.put("break_ts", d.breakTs());
            c.put("signals", d.signals());
            c.put("undefined", d.undefined());
        }
        out.put("chow", c);
        return out;
    }

    private static JsonNode modelJson(LstmModel model) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelJson.write(model, bytes);
            return Json.mapper().readTree(bytes.toByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Response forward(HostInfo host, String path) {
        String encoded = String.join("/", java.util.Arrays.stream(path.split("/"))
                .map(p -> URLEncoder.encode(URLDecoder.decode(p, StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                        .replace("+", "%20")).toList());
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + encoded + "?local=true");
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), Json.mapper().readTree(r.body()));
        } catch (IOException e) {
            return error(502, "instance " + host + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "interrupted");
        }
    }

    private static Response error(int status, String message) {
        return new Response(status, Map.of("error", message, "status", status));
    }
}
