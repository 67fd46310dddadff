package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code demo}'s console: Kafka's logs go to the file only, tickcast's warnings to both, and close() restores it. */
class LogFileTest {

    @Test
    void kafkaGoesToTheFileAndTickcastsWarningsStayOnTheConsole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tickcast.log");
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            try (LogFile logs = LogFile.open(file)) {
                assertNotNull(logs, "the tests run on logback");
                LoggerFactory.getLogger("kafka.server.ReplicaManager").error("broker-error-1");
                LoggerFactory.getLogger("org.apache.kafka.clients.producer.internals.Sender").warn("client-warn-2");
                LoggerFactory.getLogger("io.tickcast.runtime.Test").info("tickcast-info-3");
                LoggerFactory.getLogger("io.tickcast.runtime.Test").error("tickcast-error-4");
            }
            LoggerFactory.getLogger("kafka.server.ReplicaManager").error("after-close-5");
        } finally {
            System.setErr(err);
        }
        String onConsole = console.toString(StandardCharsets.UTF_8);
        String inFile = Files.readString(file);
        for (String m : new String[] {"broker-error-1", "client-warn-2", "tickcast-info-3", "tickcast-error-4"}) {
            assertTrue(inFile.contains(m), m + " in the file:\n" + inFile);
        }
        assertFalse(inFile.contains("after-close-5"), inFile);
        assertFalse(onConsole.contains("broker-error-1") || onConsole.contains("client-warn-2"), onConsole);
        assertFalse(onConsole.contains("tickcast-info-3"), "tickcast's INFO stays in the file:\n" + onConsole);
        assertTrue(onConsole.contains("tickcast-error-4"), onConsole);
        assertTrue(onConsole.contains("after-close-5"), "close() puts the console back:\n" + onConsole);
    }
}
