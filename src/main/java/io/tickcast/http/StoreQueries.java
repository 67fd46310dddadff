package io.tickcast.http;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code /symbols} endpoints over Kafka Streams interactive queries ({@link LocalSymbols}) and the live page's
 * in-memory {@link ForecastHistory}: routing, forwarding and the JSON answers. A symbol held by another instance is
 * answered through that instance ({@code application.server}); {@code /symbols} merges every instance's symbols, and
 * its paged form ({@code offset}, {@code limit}, {@code q}, {@code sort}) every instance's overview rows.
 */
public final class StoreQueries implements SymbolQueries {

    private static final List<String> LOCAL = List.of("local");
    private static final List<String> LIST_PARAMETERS = concat(LOCAL, Overview.Query.PARAMETERS);
    private static final List<String> HISTORY_PARAMETERS = List.of("local", "n");

    private final KafkaStreams streams;
    private final LocalSymbols local;
    private final HostInfo self;
    private final ForecastHistory history;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param self    this instance's {@code application.server}, or null when it has none (a single instance)
     * @param history what the page shows, filled by the topology's observer
     */
    public StoreQueries(KafkaStreams streams, TickcastConfig config, HostInfo self, ForecastHistory history) {
        this.streams = streams;
        this.local = new LocalSymbols(streams, config);
        this.self = self;
        this.history = history;
    }

    @Override
    public Response handle(String path, String rawQuery) {
        try {
            if (path.replaceAll("^/+|/+$", "").equals("symbols")) {
                Overview.Query query = null;
                boolean localOnly;
                try {
                    Map<String, String> params = QueryParams.parse(rawQuery, LIST_PARAMETERS);
                    localOnly = localOnly(params);
                    if (Overview.Query.PARAMETERS.stream().anyMatch(params::containsKey)) {
                        query = Overview.Query.parse(params, localOnly);
                    }
                } catch (IllegalArgumentException e) {
                    return error(400, e.getMessage());
                }
                return query != null ? overview(query, localOnly)
                        : new Response(200, Map.of("symbols", symbols(localOnly)));
            }
            SymbolPath target;
            try {
                target = SymbolPath.parse(path).orElse(null);
            } catch (IllegalArgumentException e) {
                return error(400, "malformed path " + path + ": " + e.getMessage());
            }
            if (target == null) {
                return error(404, "no such endpoint: " + path);
            }
            String symbol = target.symbol();
            String view = target.view();
            Map<String, String> params;
            int n;
            boolean localOnly;
            try {
                params = QueryParams.parse(rawQuery, view.equals("history") ? HISTORY_PARAMETERS : LOCAL);
                n = view.equals("history") ? historyLength(params) : 0;
                localOnly = localOnly(params);
            } catch (IllegalArgumentException e) {
                return error(400, e.getMessage());
            }
            KeyQueryMetadata meta = local.metadata(symbol);
            HostInfo owner = meta == null ? null : meta.activeHost();
            if (!localOnly && owner != null && self != null && owner.port() >= 0 && !owner.equals(self)
                    && !owner.equals(HostInfo.unavailable())) {
                return forward(owner, target.rawPath(), params);
            }
            if (view.equals("history")) {
                return history(symbol, n);
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

    /**
     * True if this instance holds the symbol's state, or cannot tell (no {@code application.server}, metadata not
     * available yet).
     */
    public boolean holds(String symbol) {
        if (self == null) {
            return true;
        }
        KeyQueryMetadata meta = local.metadata(symbol);
        HostInfo owner = meta == null ? null : meta.activeHost();
        return owner == null || owner.equals(self) || owner.equals(HostInfo.unavailable());
    }

    private static boolean localOnly(Map<String, String> params) {
        String v = params.get("local");
        if (v != null && !v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("local must be true or false, got '" + v + "'");
        }
        return "true".equals(v);
    }

    private int historyLength(Map<String, String> params) {
        String v = params.get("n");
        if (v == null) {
            return history.capacity();
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1 || n > history.capacity()) {
                throw new IllegalArgumentException("n must be between 1 and " + history.capacity()
                        + " (http.history.size), got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("n must be an integer, got '" + v + "'");
        }
    }

    /** The symbol's recent ticks; a symbol held here without a ring gets one (its history starts now). */
    private Response history(String symbol, int n) {
        Optional<Map<String, Object>> h = history.history(symbol, n);
        if (h.isEmpty()) {
            if (history.row(symbol).isEmpty() && local.get(symbol).isEmpty()) {
                return error(404, "unknown symbol: " + symbol);
            }
            if (!history.admit(symbol)) {
                return error(404, "no history is kept (http.history.symbols=0)");
            }
            h = history.history(symbol, n);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", symbol);
        out.putAll(h.orElseThrow());
        return new Response(200, out);
    }

    /** A page of the overview: this instance's rows, merged with every other instance's unless {@code localOnly}. */
    private Response overview(Overview.Query query, boolean localOnly) {
        List<StreamsMetadata> others = new ArrayList<>();
        if (!localOnly && self != null) {
            for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
                if (!m.hostInfo().equals(self) && m.hostInfo().port() >= 0) {
                    others.add(m);
                }
            }
        }
        if (others.isEmpty()) {
            return new Response(200, Overview.toJson(Overview.page(history.rows(), query), query));
        }
        Overview.Query head = query.head();
        List<Overview.Page> pages = new ArrayList<>();
        pages.add(Overview.page(history.rows(), head));
        List<String> missing = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("offset", "0");
        params.put("limit", String.valueOf(head.limit()));
        params.put("q", head.q());
        params.put("sort", head.sortParameter());
        for (StreamsMetadata m : others) {
            Response r = forward(m.hostInfo(), "/symbols", params);
            if (r.status() == 200 && r.body() instanceof JsonNode n) {
                List<SymbolRow> rows = Json.mapper().convertValue(n.path("rows"), new TypeReference<List<SymbolRow>>() {
                });
                pages.add(new Overview.Page(rows, n.path("total").asLong()));
            } else {
                missing.add(m.hostInfo().host() + ":" + m.hostInfo().port());
            }
        }
        Map<String, Object> out = Overview.toJson(Overview.merge(pages, query), query);
        if (!missing.isEmpty()) {
            out.put("missing_instances", missing);
        }
        return new Response(200, out);
    }

    private TreeSet<String> symbols(boolean localOnly) {
        TreeSet<String> out = new TreeSet<>(local.symbols());
        if (!localOnly && self != null) {
            for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
                if (!m.hostInfo().equals(self) && m.hostInfo().port() >= 0) {
                    Response r = forward(m.hostInfo(), "/symbols", Map.of());
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
        out.put("detector", detector(s.detector()));
        return out;
    }

    /**
     * The break detector's summary: its mode and name, the latest statistic and its threshold, the latest break (date,
     * interval, what changed), the signals so far; the Chow test's F, critical value and p-value in its modes only.
     * Empty without a detector.
     */
    static Map<String, Object> detector(SymbolSnapshot.Detector d) {
        Map<String, Object> c = new LinkedHashMap<>();
        if (d == null) {
            return c;
        }
        c.put("mode", d.mode());
        c.put("name", d.name());
        c.put("window", d.window());
        c.put("k", d.k());
        c.put("alpha", d.alpha());
        c.put("statistic", d.statistic());
        c.put("threshold", d.threshold());
        c.put("break_ts", d.breakTs());
        c.put("break_lower_ts", d.breakLowerTs());
        c.put("break_upper_ts", d.breakUpperTs());
        c.put("change", d.change());
        c.put("signals", d.signals());
        c.put("undefined", d.undefined());
        if (d.f() != null || d.fCrit() != null || d.pValue() != null) {
            c.put("f", d.f());
            c.put("f_crit", d.fCrit());
            c.put("p_value", d.pValue());
        }
        return c;
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

    /**
     * Asks another instance, with {@code local=true} so that it answers from its own state.
     *
     * @param rawPath the path to ask for, percent-encoded ({@link SymbolPath#rawPath()})
     */
    private Response forward(HostInfo host, String rawPath, Map<String, String> params) {
        Map<String, String> query = new LinkedHashMap<>(params);
        query.put("local", "true");
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + rawPath + "?" + QueryParams.format(query));
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

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
