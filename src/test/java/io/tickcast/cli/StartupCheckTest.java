package io.tickcast.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run} against bootstrap servers that do not answer: one line with the cause, exit 1, within the timeout. */
class StartupCheckTest {

    /** The message of a closed port, as README.md's troubleshooting quotes it ({@link ReadmeExamplesTest}). */
    static final String CLOSED_PORT =
            "cannot reach bootstrap servers 127.0.0.1:1 within 15 s: connection refused by 127.0.0.1:1";

    /** The run's output and what {@link Main} logged meanwhile (kept out of the build's output). */
    private record Logged(CliRun run, List<ILoggingEvent> events, long millis) {
    }

    private static Logged logged(Supplier<CliRun> command) {
        Logger log = (Logger) LoggerFactory.getLogger(Main.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        boolean additive = log.isAdditive();
        log.setAdditive(false);
        try {
            long start = System.nanoTime();
            CliRun r = command.get();
            return new Logged(r, List.copyOf(events.list), (System.nanoTime() - start) / 1_000_000);
        } finally {
            log.detachAppender(events);
            log.setAdditive(additive);
        }
    }

    private static void assertOneLineWithoutStackTrace(Logged l, String expected) {
        assertEquals(1, l.run().code(), l.run().err());
        assertTrue(l.run().err().startsWith("error: " + expected), l.run().err());
        assertEquals(1, l.run().err().lines().count(), l.run().err());
        assertTrue(l.events().isEmpty(), "nothing logged without --verbose: " + l.events());
    }

    @Test
    void aClosedPortFailsAtOnceWithConnectionRefused() {
        Logged l = logged(() -> CliRun.run("run", "--bootstrap", "127.0.0.1:1", "--set", "http.port=0"));
        assertOneLineWithoutStackTrace(l, CLOSED_PORT);
        assertTrue(l.millis() < 15_000, l.millis() + " ms");
    }

    @Test
    void aPortWhereNoKafkaAnswersFailsWithinTheTimeout() throws Exception {
        // The operating system accepts the connection; nothing ever answers Kafka's requests.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String server = "127.0.0.1:" + silent.getLocalPort();
            Logged l = logged(() -> CliRun.run("run", "--bootstrap", server, "--set", "startup.timeout.ms=1500",
                    "--set", "http.port=0"));
            assertOneLineWithoutStackTrace(l, "cannot reach bootstrap servers " + server + " within 1.5 s: "
                    + "the port accepts connections but no Kafka broker answered");
            assertTrue(l.millis() < 1_500 + 3_000, l.millis() + " ms");
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        Logged l = logged(() -> CliRun.run("run", "--bootstrap", "no-such-host.invalid:9092", "--set", "http.port=0"));
        assertOneLineWithoutStackTrace(l, "cannot reach bootstrap servers no-such-host.invalid:9092 within 15 s: "
                + "unknown host no-such-host.invalid");
    }

    @Test
    void verboseLogsTheStackTraceToo() {
        Logged l = logged(() -> CliRun.run("run", "--verbose", "--bootstrap", "127.0.0.1:1", "--set", "http.port=0"));
        assertEquals(1, l.run().code());
        assertTrue(l.run().err().startsWith("error: cannot reach bootstrap servers 127.0.0.1:1"), l.run().err());
        assertEquals(1, l.events().size(), l.events().toString());
        assertNotNull(l.events().get(0).getThrowableProxy());
        assertFalse(l.run().err().contains("\tat "), l.run().err());
    }

    @Test
    void produceAndTailCheckTheirClusterToo(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("ticks.csv");
        Files.writeString(csv, "symbol,ts,value\nA,1000,1.5\n");
        String expected = "cannot reach bootstrap servers 127.0.0.1:1 within 15 s: connection refused by 127.0.0.1:1";
        assertOneLineWithoutStackTrace(logged(() -> CliRun.run("produce", "--bootstrap", "127.0.0.1:1", "--csv",
                csv.toString())), expected);
        assertOneLineWithoutStackTrace(logged(() -> CliRun.run("tail", "forecasts", "--bootstrap", "127.0.0.1:1")),
                expected);
    }
}
