package io.tickcast.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.serde.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Which answer a request gets, by its method and its raw path: {@code /metrics}, {@code /health}, {@code /ready},
 * {@code /symbols[/...]}, else a file of the live page or a JSON 404. Any method but GET and HEAD is a JSON 405 with
 * {@code Allow: GET, HEAD}. The raw (still encoded) path is routed, never a decoded one, so that {@code %2F} in a
 * symbol is not taken for a separator.
 */
final class Routes extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    /**
     * Symbol queries running at once; more are answered 503 at once. A query may wait up to 10 s on another instance:
     * without a cap, a burst of them could take every request thread from the probes.
     */
    static final int SYMBOL_QUERIES = 16;
    static final String ALLOW = "GET, HEAD";
    private static final String JSON = "application/json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Everything the page loads comes from this server: nothing from a CDN, no inline script. */
    private static final String PAGE_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

    private final PrometheusMeterRegistry registry;
    private final Supplier<Verdict> alive;
    private final Supplier<Verdict> ready;
    private final SymbolQueries queries;
    private final StaticFiles files;
    private final Semaphore symbolSlots = new Semaphore(SYMBOL_QUERIES);

    Routes(PrometheusMeterRegistry registry, Supplier<Verdict> alive, Supplier<Verdict> ready, SymbolQueries queries,
           StaticFiles files) {
        this.registry = registry;
        this.alive = alive;
        this.ready = ready;
        this.queries = queries;
        this.files = files;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.ALLOW, ALLOW);
            json(response, callback, 405, error(405, "method not allowed: " + method));
            return true;
        }
        String path = request.getHttpURI().getPath();
        switch (path) {
            case "/metrics" -> send(response, callback, 200, PROMETHEUS_TEXT,
                    registry.scrape().getBytes(StandardCharsets.UTF_8));
            case "/health" -> probe(response, callback, alive.get(), "UP", "DOWN");
            case "/ready" -> probe(response, callback, ready.get(), "READY", "NOT_READY");
            default -> {
                if (queries != null && (path.equals("/symbols") || path.startsWith("/symbols/"))) {
                    symbols(response, callback, path, request.getHttpURI().getQuery());
                } else {
                    page(response, callback, path);
                }
            }
        }
        return true;
    }

    private static void probe(Response response, Callback callback, Verdict verdict, String up, String down) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", verdict.ok() ? up : down);
        if (!verdict.ok()) {
            body.put("reason", verdict.reason());
        }
        json(response, callback, verdict.ok() ? 200 : 503, body);
    }

    private void symbols(Response response, Callback callback, String path, String rawQuery) {
        if (!symbolSlots.tryAcquire()) {
            json(response, callback, 503, error(503, "busy: " + SYMBOL_QUERIES + " symbol queries are running"));
            return;
        }
        SymbolQueries.Response r;
        try {
            r = queries.handle(path, rawQuery);
        } catch (RuntimeException e) {
            LOG.warn("{} failed", path, e);
            r = new SymbolQueries.Response(500, error(500, "internal error: " + e));
        } finally {
            symbolSlots.release();
        }
        json(response, callback, r.status(), r.body());
    }

    /** A file of the live page, or a 404 for any other path. */
    private void page(Response response, Callback callback, String path) {
        StaticFiles.Asset asset = files.resolve(path).orElse(null);
        if (asset == null) {
            json(response, callback, 404, error(404, "no such page: " + path));
            return;
        }
        var headers = response.getHeaders();
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", PAGE_POLICY);
        send(response, callback, 200, asset.contentType(), asset.body());
    }

    /** The body of every error: {@code {"error": message, "status": status}}. */
    static Map<String, Object> error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        return body;
    }

    private static void json(Response response, Callback callback, int status, Object body) {
        send(response, callback, status, JSON, Json.toBytes(body));
    }

    /**
     * Sends the whole answer with its length. For a HEAD request Jetty sends the headers, Content-Length included, and
     * drops the body.
     */
    static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
