package io.tickcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tickcast demo} as a user runs it ({@code java -jar target/tickcast.jar demo}, its own embedded broker): the
 * console holds the progress line, the log file's path and the summary with the generated streams' truth, and no
 * WARN or ERROR line of Kafka's broker or clients — those go to the log file, which exists.
 */
@Tag("integration")
class DemoConsoleIT {

    /** A logback console line of Kafka's (logger abbreviated by {@code %logger{20}}: o.a.k..., k.s...) or any not tickcast's. */
    private static final Pattern FOREIGN_LOG = Pattern.compile("(?m)^.*\\b(WARN|ERROR)\\s++(?!i\\.t\\.|io\\.tickcast).*$");
    private static final Pattern LOGS_IN = Pattern.compile("logs in (\\S+)");

    @Test
    void theConsoleIsQuietAndTheLogsAreInTheFile(@TempDir Path dir) throws Exception {
        String jar = System.getProperty("tickcast.jar", "target/tickcast.jar");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar, "demo", "--ticks", "3000", "--set", "http.port=0");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "demo --ticks 3000 within 5 minutes");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stdout + stderr);

        Matcher foreign = FOREIGN_LOG.matcher(stdout + "\n" + stderr.replace('\r', '\n'));
        if (foreign.find()) {
            fail("a log line not tickcast's on the console: " + foreign.group());
        }
        assertTrue(!stderr.contains("OutOfOrderSequenceException"), stderr);

        Matcher logs = LOGS_IN.matcher(stderr);
        assertTrue(logs.find(), "the log file's path is printed:\n" + stderr);
        assertTrue(Files.isRegularFile(Path.of(logs.group(1))), logs.group(1));
        assertTrue(Files.readString(Path.of(logs.group(1))).contains("Embedded Kafka broker"), "tickcast's INFO in the file");
        assertEquals(1, stderr.split("logs in ", -1).length - 1, "printed once:\n" + stderr);
        Files.delete(Path.of(logs.group(1)));
        Files.delete(Path.of(logs.group(1)).getParent()); // a new temporary directory per run: the demo leaves it for the user

        String header = stdout.lines().findFirst().orElse("");
        assertTrue(header.startsWith("symbol") && header.endsWith("truth"), stdout);
        assertTrue(stdout.contains("generated: hourly, daily cycle"), stdout);
    }
}
