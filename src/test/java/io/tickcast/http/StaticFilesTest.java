package io.tickcast.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.serde.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live page's files through the real HTTP server: types, 404s, and no way out of the page's own files. */
class StaticFilesTest {

    private static PrometheusMeterRegistry registry;
    private static HttpApi api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        api = HttpApi.start("127.0.0.1", 0, registry, Verdict::pass, Verdict::pass, null);
    }

    @AfterAll
    static void stop() {
        api.close();
        registry.close();
    }

    @Test
    void thePageIsAtTheRootWithAPolicyThatKeepsItToThisServer() throws Exception {
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'self'"));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(r.body().contains("<table id=\"symbols-table\""), "the overview's table");
        assertEquals(r.body(), get("/index.html").body());
    }

    @Test
    void everyFileThePageLinksIsServedWithItsType() throws Exception {
        String html = get("/").body();
        Matcher m = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"").matcher(html);
        List<String> linked = new ArrayList<>();
        while (m.find()) {
            linked.add(m.group(1));
        }
        assertTrue(linked.containsAll(List.of("/webjars/uplot/dist/uPlot.iife.min.js", "/webjars/uplot/dist/uPlot.min.css",
                "/static/app.js", "/static/app.css", "/static/favicon.svg")), linked.toString());
        for (String path : linked) {
            if (path.equals("/metrics")) {
                continue;
            }
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path);
            assertEquals(StaticFiles.contentType(path), r.headers().firstValue("Content-Type").orElseThrow(), path);
            assertFalse(r.body().isEmpty(), path);
        }
        assertTrue(get("/webjars/uplot/dist/uPlot.iife.min.js").body().contains("uPlot"), "uPlot's own script");
        assertEquals("text/javascript; charset=utf-8", StaticFiles.contentType("/static/app.js"));
        assertEquals("text/css; charset=utf-8", StaticFiles.contentType("/static/app.css"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/static/nope.js", "/static/", "/static", "/webjars/uplot/dist/nope.js",
            "/webjars/nope/dist/x.js", "/webjars/uplot", "/static/index", "/static/app.js/x"})
    void anythingElseIsAJson404(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(404, r.statusCode(), path);
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = Json.mapper().readTree(r.body());
        assertEquals(404, body.path("status").asInt());
        assertTrue(body.path("error").asText().startsWith("no such page"), r.body());
    }

    /** Sent byte for byte on a socket, so that no client normalises the path first. */
    @ParameterizedTest
    @ValueSource(strings = {"/static/../logback.xml", "/static/../web/app.js", "/static/%2e%2e/logback.xml",
            "/static/..%2flogback.xml", "/static/.%2e/logback.xml", "/static/..\\logback.xml",
            "/static//logback.xml", "/static/./app.js", "/static/.hidden.js",
            "/webjars/uplot/../../../../logback.xml", "/webjars/uplot/dist/../../../../../../logback.xml",
            "/webjars/uplot/..%2f..%2f..%2flogback.xml", "/webjars/../webjars/uplot/dist/uPlot.min.css",
            "/static/../io/tickcast/http/HttpApi.class", "/webjars/uplot/1.6.30/../../../../io/tickcast/http/HttpApi.class",
            "/static/%2fetc%2fpasswd", "/static/..;/logback.xml"})
    void pathTraversalIsRefused(String path) throws Exception {
        String answer = raw(path);
        assertTrue(answer.startsWith("HTTP/1.1 404") || answer.startsWith("HTTP/1.1 400"),
                path + " -> " + answer.lines().findFirst().orElse(""));
        assertFalse(answer.contains("<configuration>"), "logback.xml leaked");
        assertFalse(answer.contains("\u00ca\u00fe\u00ba\u00be"), "a class file leaked");
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(uri("/static/app.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("text/css; charset=utf-8", head.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("", head.body());
    }

    @Test
    void theOtherEndpointsAreStillThere() throws Exception {
        assertEquals(200, get("/health").statusCode());
        assertTrue(get("/metrics").headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private static String raw(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
