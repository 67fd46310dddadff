package io.tickcast.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * tickcast's HTTP server: {@code /metrics} (Prometheus text format), {@code /health} (liveness), {@code /ready}
 * (readiness), the live page at {@code /} with its files ({@link StaticFiles}) and, when a {@link SymbolQueries} is
 * given, the symbol queries ({@link Routes}). Only GET and HEAD are answered; every error is a JSON body
 * {@code {"error": ..., "status": N}}, including the ones Jetty itself raises for a malformed request
 * ({@link JsonErrors}).
 *
 * <p>Why Jetty: its connector reads requests on a selector, so a client that sends half a request and stops holds a
 * socket but no thread; the JDK's server gave each such client a thread of its four until it went away, and a
 * liveness probe behind eight of them timed out. A connection with nothing to read or write for
 * {@link #IDLE_TIMEOUT} is closed.
 */
public final class HttpApi implements AutoCloseable {

    /**
     * How long a connection may send or receive nothing before it is closed: a half-sent request, or a kept-alive
     * connection between requests. Longer than a forwarded query may take ({@code StoreQueries}: 10 s).
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Request threads. Reading and parsing take none while a request is incomplete; a thread is held only while a
     * handler runs, and {@link Routes#SYMBOL_QUERIES} caps the queries (which may wait on another instance) well below
     * this, so the probes and the metrics always find one.
     */
    static final int MAX_THREADS = 32;

    /**
     * A symbol may be any string, so its path segment may hold an escaped {@code /}, {@code %}, dot, tab or backslash
     * ({@code %2F}, {@code %25}, {@code %2E%2E}, {@code %09}, {@code %5C}), which Jetty refuses by default as ambiguous
     * or suspicious: they are safe here because the handler routes on the raw path and decodes it segment by segment,
     * and the page's files accept no escape at all. Empty segments ({@code //}) and path parameters ({@code ;}) stay
     * refused (a JSON 400), as does a malformed escape.
     */
    private static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("TICKCAST",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
            UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS);

    private final Server server;
    private final ServerConnector connector;

    private HttpApi(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the server.
     *
     * @param alive   liveness: a failing verdict answers {@code /health} with 503 so that an orchestrator restarts
     *                the instance
     * @param ready   readiness: a failing verdict answers {@code /ready} with 503 so that no traffic is sent here
     * @param queries the {@code /symbols} endpoints, or null for none
     * @throws IOException when the address cannot be bound
     */
    public static HttpApi start(String host, int port, PrometheusMeterRegistry registry, Supplier<Verdict> alive,
                                Supplier<Verdict> ready, SymbolQueries queries) throws IOException {
        return start(host, port, registry, alive, ready, queries, IDLE_TIMEOUT);
    }

    /** As above with another idle timeout (the tests' is short). */
    static HttpApi start(String host, int port, PrometheusMeterRegistry registry, Supplier<Verdict> alive,
                         Supplier<Verdict> ready, SymbolQueries queries, Duration idleTimeout) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("tickcast-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setUriCompliance(URI_COMPLIANCE);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        server.setHandler(new Routes(registry, alive, ready, queries, new StaticFiles()));
        server.setErrorHandler(new JsonErrors());
        // Open connections are cut on close rather than waited for.
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("cannot start the HTTP server on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new HttpApi(server, connector);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(HttpApi.class).warn("stopping the HTTP server failed", e);
        }
    }
}
