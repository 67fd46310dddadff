package io.tickcast.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.serde.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP server on a real socket, without Kafka: slow clients starve nothing, only GET and HEAD are answered, every
 * error is JSON (malformed URLs too), a symbol path is decoded as a path and not as a form, and the probes say why.
 * The symbol queries are a stand-in that echoes what {@link SymbolPath} reads from the raw path it is handed.
 */
class HttpApiTest {

    /** Short, so that the test of the idle timeout is quick. */
    private static final Duration IDLE = Duration.ofMillis(1500);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final AtomicReference<Verdict> ALIVE = new AtomicReference<>(Verdict.pass());
    private static final AtomicReference<Verdict> READY = new AtomicReference<>(Verdict.pass());
    private static final AtomicInteger QUERIES = new AtomicInteger();
    private static volatile CountDownLatch release = new CountDownLatch(0);
    private static final AtomicInteger BLOCKED = new AtomicInteger();

    private static PrometheusMeterRegistry registry;
    private static HttpApi api;

    @BeforeAll
    static void start() throws Exception {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        api = HttpApi.start("127.0.0.1", 0, registry, ALIVE::get, READY::get, HttpApiTest::echo, IDLE);
    }

    @AfterAll
    static void stop() {
        release.countDown();
        api.close();
        registry.close();
    }

    /** Echoes the symbol and view read from the path; {@code /symbols/slow} waits for {@link #release}. */
    private static SymbolQueries.Response echo(String rawPath, String rawQuery) {
        QUERIES.incrementAndGet();
        if (rawPath.equals("/symbols/slow")) {
            BLOCKED.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SymbolQueries.Response(200, Map.of("slow", true));
        }
        try {
            return SymbolPath.parse(rawPath)
                    .map(p -> new SymbolQueries.Response(200, Map.of("symbol", p.symbol(), "view", p.view())))
                    .orElse(new SymbolQueries.Response(404, Routes.error(404, "no such endpoint")));
        } catch (IllegalArgumentException e) {
            return new SymbolQueries.Response(400, Routes.error(400, e.getMessage()));
        }
    }

    @Test
    void halfSentRequestsHoldNoThreadAndAreClosedByTheIdleTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket("127.0.0.1", api.port());
                // Half a request line, or a request line and part of the headers: never finished.
                String partial = i % 2 == 0 ? "GET /hea" : "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
                s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                held.add(s);
            }
            long opened = System.nanoTime();
            for (String path : List.of("/health", "/metrics", "/ready", "/")) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path + " while 40 requests are half sent");
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - opened).compareTo(IDLE) < 0,
                    "answered before the held connections timed out, so not thanks to them closing");
            for (Socket s : held) {
                s.setSoTimeout((int) IDLE.toMillis() + 3000);
                assertTrue(readsToEnd(s.getInputStream()), "the server closed a held connection");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - opened);
            assertTrue(took.compareTo(IDLE.plusSeconds(3)) < 0, "closed after " + took.toMillis() + " ms");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void stuckSymbolQueriesLeaveThreadsForTheProbes() throws Exception {
        release = new CountDownLatch(1);
        BLOCKED.set(0);
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        try {
            for (int i = 0; i < Routes.SYMBOL_QUERIES + 4; i++) {
                slow.add(HTTP.sendAsync(HttpRequest.newBuilder(uri("/symbols/slow")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (BLOCKED.get() < Routes.SYMBOL_QUERIES && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(Routes.SYMBOL_QUERIES, BLOCKED.get(), "queries running at once");
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(uri("/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        } finally {
            release.countDown();
        }
        int busy = 0;
        for (CompletableFuture<HttpResponse<String>> f : slow) {
            HttpResponse<String> r = f.get(10, TimeUnit.SECONDS);
            if (r.statusCode() == 503) {
                busy++;
                assertEquals(503, json(r).path("status").asInt(), r.body());
            } else {
                assertEquals(200, r.statusCode(), r.body());
            }
        }
        assertEquals(4, busy, "the queries beyond the cap are turned away at once");
    }

    static Stream<String> methodsAndPaths() {
        return Stream.of("DELETE", "PATCH", "POST", "PUT").flatMap(m ->
                Stream.of("/", "/metrics", "/health", "/ready", "/symbols/A", "/symbols", "/static/app.js", "/nope")
                        .map(p -> m + " " + p));
    }

    @ParameterizedTest
    @MethodSource("methodsAndPaths")
    void onlyGetAndHeadAreAllowed(String request) throws Exception {
        String method = request.substring(0, request.indexOf(' '));
        String path = request.substring(request.indexOf(' ') + 1);
        int before = QUERIES.get();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode(), request);
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow(), request);
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow(), request);
        JsonNode body = json(r);
        assertEquals(405, body.path("status").asInt(), r.body());
        assertTrue(body.path("error").asText().contains(method), r.body());
        assertEquals(before, QUERIES.get(), "the queries never see another method");
    }

    @Test
    void headAnswersTheHeadersOfAGet() throws Exception {
        for (String path : List.of("/health", "/ready", "/metrics", "/", "/symbols/A", "/nope")) {
            HttpResponse<String> get = get(path);
            HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(uri(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(get.statusCode(), head.statusCode(), path);
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
            assertEquals("", head.body(), path);
        }
    }

    /** Sent byte for byte on a socket: no client would send these URLs. */
    @ParameterizedTest
    @ValueSource(strings = {"/symbols/%zz", "/symbols/%", "/symbols/A%2", "/symbols/%zz/model", "/%zz", "/static/%zz.js",
            "/symbols/A%C3", "/symbols/..%2F..%2F/etc"})
    void malformedUrlsAreAJson400(String path) throws Exception {
        Raw r = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(r.status() == 400 || r.status() == 404, path + " -> " + r.head());
        assertJsonError(r, path);
    }

    @Test
    void requestsJettyCannotParseAreJsonToo() throws Exception {
        for (String request : List.of("GET /health HTTP/1.1\r\nHost: a\r\nHost b\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + "x".repeat(64 * 1024) + "\r\n\r\n",
                "DELETE /symbols/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) {
            Raw r = raw(request);
            assertTrue(r.status() >= 400 && r.status() < 500, r.head());
            assertJsonError(r, request.substring(0, 20));
        }
    }

    @Test
    void aSymbolPathIsDecodedAsAPathNotAsAForm() throws Exception {
        assertEquals("B+c", json(get("/symbols/B+c")).path("symbol").asText(), "+ in a path is a plus");
        assertEquals("B+c", json(get("/symbols/B%2Bc")).path("symbol").asText());
        assertEquals("B c", json(get("/symbols/B%20c")).path("symbol").asText());
        assertEquals("a/b", json(get("/symbols/a%2Fb/history")).path("symbol").asText());
        assertEquals("history", json(get("/symbols/a%2Fb/history")).path("view").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"B+c", "B c", "50%", "%41", "a/b", "/", "a?b#c", "x;y", "..", ".", "Ωmega é", "日本株",
            "\uD83D\uDCC8 up", "tab\there", "back\\slash", "a&b=c"})
    void anySymbolRoundTripsThroughTheServer(String symbol) throws Exception {
        for (String view : SymbolPath.VIEWS) {
            HttpResponse<String> r = get(new SymbolPath(symbol, view).rawPath());
            assertEquals(200, r.statusCode(), symbol + " " + r.body());
            assertEquals(symbol, json(r).path("symbol").asText());
            assertEquals(view, json(r).path("view").asText());
        }
    }

    @Test
    void theProbesSayWhyTheyFail() throws Exception {
        assertEquals("{\"status\":\"UP\"}", get("/health").body());
        assertEquals("{\"status\":\"READY\"}", get("/ready").body());
        try {
            ALIVE.set(Verdict.fail("3 stream threads died"));
            READY.set(Verdict.fail("cannot reach the Kafka cluster"));
            HttpResponse<String> health = get("/health");
            assertEquals(503, health.statusCode());
            assertEquals("DOWN", json(health).path("status").asText());
            assertEquals("3 stream threads died", json(health).path("reason").asText());
            HttpResponse<String> ready = get("/ready");
            assertEquals(503, ready.statusCode());
            assertEquals("application/json", ready.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("NOT_READY", json(ready).path("status").asText());
            assertEquals("cannot reach the Kafka cluster", json(ready).path("reason").asText());
        } finally {
            ALIVE.set(Verdict.pass());
            READY.set(Verdict.pass());
        }
    }

    @Test
    void unknownPathsAreAJson404() throws Exception {
        for (String path : List.of("/healthz", "/health/", "/metrics/x", "/symbols/A/nope", "/symbols/A/model/x")) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals(404, json(r).path("status").asInt(), path);
        }
    }

    private static void assertJsonError(Raw r, String what) throws IOException {
        assertTrue(r.head().toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"),
                what + " -> " + r.head());
        JsonNode body = Json.mapper().readTree(r.body());
        assertEquals(r.status(), body.path("status").asInt(), what + " -> " + r.body());
        assertFalse(body.path("error").asText().isEmpty(), r.body());
    }

    /** Reads until the server closes the connection: true on EOF (or a reset), false on the read timeout. */
    private static boolean readsToEnd(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        try {
            while (in.read(buf) >= 0) {
                // a 408 or whatever the server sends before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private record Raw(int status, String head, String body) {
    }

    private static Raw raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(bytes);
            } catch (java.net.SocketException e) {
                // closed after the answer
            }
            String answer = bytes.toString(StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            assertTrue(end > 0, "an answer: " + answer);
            return new Raw(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, end), answer.substring(end + 4));
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }
}
