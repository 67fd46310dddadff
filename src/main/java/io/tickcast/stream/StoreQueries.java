package io.tickcast.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.config.TickcastConfig;
import io.tickcast.http.SymbolQueries;
import io.tickcast.model.LstmModel;
import io.tickcast.serde.Json;
import io.tickcast.serde.ModelJson;
import io.tickcast.stats.RollingChow;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

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
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code /symbols} endpoints over Kafka Streams interactive queries. A symbol held by another
 * instance is answered through that instance ({@code application.server}); {@code /symbols} merges
 * every instance's local symbols.
 */
public final class StoreQueries implements SymbolQueries {

    private final KafkaStreams streams;
    private final ForecastSettings settings;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public StoreQueries(KafkaStreams streams, TickcastConfig config, HostInfo self) {
        this.streams = streams;
        this.settings = ForecastSettings.from(config);
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
            KeyQueryMetadata meta = streams.queryMetadataForKey(StoreNames.SERIES, symbol, Serdes.String().serializer());
            HostInfo owner = meta == null ? null : meta.activeHost();
            if (!localOnly && owner != null && self != null && owner.port() >= 0 && !owner.equals(self)
                    && !owner.equals(HostInfo.unavailable())) {
                return forward(owner, path);
            }
            byte[] series = store(StoreNames.SERIES).get(symbol);
            if (series == null) {
                return error(404, "unknown symbol: " + symbol);
            }
            byte[] modelBytes = store(StoreNames.MODELS).get(symbol);
            LstmModel model = modelBytes == null ? null : LstmModel.fromBytes(modelBytes);
            return switch (view) {
                case "model" -> model == null ? error(404, "symbol " + symbol + " has not trained a model yet")
                        : new Response(200, modelJson(model));
                case "impulse" -> model == null ? error(404, "symbol " + symbol + " has not trained a model yet")
                        : new Response(200, model.impulseResponse(30));
                default -> new Response(200, summary(symbol, series, model, store(StoreNames.CHOW).get(symbol)));
            };
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return error(503, "state stores are not queryable yet (rebalancing or restoring): " + e.getMessage());
        }
    }

    private TreeSet<String> symbols(boolean localOnly) {
        TreeSet<String> out = new TreeSet<>();
        try (KeyValueIterator<String, byte[]> it = store(StoreNames.SERIES).all()) {
            it.forEachRemaining((KeyValue<String, byte[]> kv) -> out.add(kv.key));
        }
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

    private Map<String, Object> summary(String symbol, byte[] seriesBytes, LstmModel model, byte[] chowBytes) {
        SeriesState s = SeriesState.fromBytes(seriesBytes, settings.horizon(), settings.historyCapacity(),
                settings.scoreWindow());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", symbol);
        out.put("ticks", s.ticks);
        out.put("last_ts", s.lastTs);
        out.put("last_value", s.value(0));
        Map<String, Object> last = new LinkedHashMap<>();
        if (s.pendValid[0]) {
            for (int h = 0; h < settings.horizon(); h++) {
                last.put("step_" + (h + 1), Map.of("forecast", s.pendForecast[0][h], "lower", s.pendLower[0][h],
                        "upper", s.pendUpper[0][h]));
            }
            last.put("source", s.pendHasModel[0] ? "lstm" : "persistence");
        }
        out.put("last_forecast", last);
        Map<String, Object> m = new LinkedHashMap<>();
        if (model != null) {
            m.put("updates", model.updates());
            m.put("last_loss", Double.isFinite(s.lastTrainLoss) ? s.lastTrainLoss : null);
            m.put("skipped_steps", model.skippedSteps());
            m.put("rollbacks", model.rollbacks());
            m.put("hidden", model.config().hiddenSize());
            m.put("layers", model.config().layers());
            m.put("horizon", model.config().horizon());
        }
        out.put("model", m);
        Map<String, Object> c = new LinkedHashMap<>();
        if (chowBytes != null) {
            RollingChow chow = RollingChow.fromBytes(chowBytes);
            c.put("mode", chow.config().mode().name().toLowerCase(java.util.Locale.ROOT));
            c.put("window", chow.config().window());
            c.put("k", chow.config().k());
            c.put("alpha", chow.config().alpha());
            c.put("f", Double.isFinite(s.chowF) ? s.chowF : null);
            c.put("f_crit", Double.isFinite(s.chowCrit) ? s.chowCrit : null);
            c.put("p_value", Double.isFinite(s.chowP) ? s.chowP : null);
            c.put("break_ts", s.chowBreakTs == Long.MIN_VALUE ? null : s.chowBreakTs);
            c.put("signals", chow.signals());
            c.put("undefined", chow.undefinedCount());
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

    private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
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
