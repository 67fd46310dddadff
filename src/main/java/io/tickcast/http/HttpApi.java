package io.tickcast.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.serde.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * tickcast's HTTP server: {@code /metrics} (Prometheus text format), {@code /health} (alive),
 * {@code /ready} (Kafka Streams RUNNING), the live page at {@code /} with its files ({@link StaticFiles}) and,
 * when a {@link SymbolQueries} is given, the symbol queries. Any other path is a JSON 404.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final HttpServer server;

    private HttpApi(HttpServer server) {
        this.server = server;
    }

    /**
     * @param alive false once the application cannot recover by itself (Kafka Streams in ERROR): {@code /health} then
     *              answers 503 so that an orchestrator restarts it
     * @param ready true while Kafka Streams is RUNNING
     */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier alive,
                                BooleanSupplier ready, SymbolQueries queries) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        // Four threads: a page polls two endpoints while Prometheus scrapes and other instances forward requests here.
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tickcast-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", ex -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", body);
        });
        server.createContext("/health", ex -> {
            boolean ok = alive.getAsBoolean();
            json(ex, ok ? 200 : 503, Map.of("status", ok ? "UP" : "DOWN"));
        });
        server.createContext("/ready", ex -> {
            boolean ok = ready.getAsBoolean();
            json(ex, ok ? 200 : 503, Map.of("status", ok ? "READY" : "NOT_READY"));
        });
        if (queries != null) {
            server.createContext("/symbols", ex -> {
                SymbolQueries.Response r;
                try {
                    r = queries.handle(ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery());
                } catch (RuntimeException e) {
                    // Say so rather than drop the connection (HttpServer closes it on an exception).
                    LOG.warn("{} failed", ex.getRequestURI(), e);
                    r = new SymbolQueries.Response(500, Map.of("error", "internal error: " + e, "status", 500));
                }
                json(ex, r.status(), r.body());
            });
        }
        StaticFiles files = new StaticFiles();
        server.createContext("/", ex -> page(ex, files));
        server.start();
        return new HttpApi(server);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** A file of the live page, or a 404 for any other path. */
    private static void page(HttpExchange ex, StaticFiles files) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            json(ex, 405, Map.of("error", "method not allowed: " + method, "status", 405));
            return;
        }
        String path = ex.getRequestURI().getRawPath();
        StaticFiles.Asset asset = files.resolve(path).orElse(null);
        if (asset == null) {
            json(ex, 404, Map.of("error", "no such page: " + path, "status", 404));
            return;
        }
        var headers = ex.getResponseHeaders();
        headers.set("Cache-Control", "no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        // Everything the page loads comes from this server: nothing from a CDN, no inline script.
        headers.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
        send(ex, 200, asset.contentType(), method.equals("HEAD") ? null : asset.body());
    }

    static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json", Json.toBytes(body));
    }

    /** Sends the answer; a null body sends the headers only (HEAD). */
    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", contentType);
            if (body == null) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
