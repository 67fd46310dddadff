package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Usage errors exit 2 with one line; failures exit 1 with the stack trace logged. */
class ExitCodeTest {

    private static void assertOneErrorLine(CliRun r) {
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aBadOptionIsAUsageError() {
        CliRun r = CliRun.run("backtest", "--no-such-option");
        assertEquals(2, r.code());
        assertOneErrorLine(r);
        assertTrue(r.err().contains("tickcast backtest --help"), r.err());
        r = CliRun.run("backtest", "--csv", "x.csv", "--out", "o", "--tolerance", "many");
        assertEquals(2, r.code());
        assertOneErrorLine(r);
    }

    @Test
    void aBadConfigurationIsAUsageError(@TempDir Path dir) {
        CliRun r = CliRun.run("backtest", "--csv", "x.csv", "--out", dir.toString(), "--set", "chow.lags=45");
        assertEquals(2, r.code());
        assertOneErrorLine(r);
        assertTrue(r.err().contains("chow.lags"), r.err());
    }

    @Test
    void aMissingOrBadInputFileIsAUsageError(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run("backtest", "--csv", dir.resolve("none.csv").toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertOneErrorLine(r);
        assertTrue(r.err().contains("no such file") && r.err().contains("none.csv"), r.err());
        Path bad = dir.resolve("bad.csv");
        java.nio.file.Files.writeString(bad, "a,b\n1,2\n");
        r = CliRun.run("backtest", "--csv", bad.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code());
        assertOneErrorLine(r);
        assertTrue(r.err().contains("symbol,ts,value"), r.err());
        r = CliRun.run("model", "predict", "--weights", dir.resolve("none.json").toString(), "--input", bad.toString());
        assertEquals(2, r.code(), "model exits like every other command");
        assertOneErrorLine(r);
    }

    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("model state size miscomputed");
        }
    }

    @Test
    void anInternalFailureExitsOneWithTheCauseLogged() {
        Logger log = (Logger) LoggerFactory.getLogger(Main.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        boolean additive = log.isAdditive();
        log.setAdditive(false); // keep the expected stack trace out of the build's output
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.withErrorHandling(new CommandLine(new Broken()))
                    .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute();
            assertEquals(1, code);
            assertTrue(err.toString().startsWith("error: java.lang.IllegalStateException: model state size miscomputed"),
                    err.toString());
            assertEquals(1, events.list.size());
            ILoggingEvent e = events.list.get(0);
            assertEquals(Level.ERROR, e.getLevel());
            assertNotNull(e.getThrowableProxy(), "the stack trace is logged");
            assertEquals("model state size miscomputed", e.getThrowableProxy().getMessage());
        } finally {
            log.detachAppender(events);
            log.setAdditive(additive);
        }
    }
}
