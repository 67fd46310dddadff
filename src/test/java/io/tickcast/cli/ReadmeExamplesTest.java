package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every JSON record the README quotes is one of the valid examples in {@code schemas/examples/} (which the schema
 * tests validate and the records the application writes must match), so a quoted record cannot drift from the
 * contract. When a record changes, change its example there and paste it into README.md. The error messages its
 * troubleshooting quotes are what the commands print (the unreachable cluster's: {@link StartupCheckTest}).
 */
class ReadmeExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JSON_BLOCK = Pattern.compile("(?s)```json\\n(.*?)```");

    @Test
    void everyJsonRecordInTheReadmeIsAValidSchemaExample() throws Exception {
        List<JsonNode> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("schemas/examples"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().contains(".valid")).sorted().toList()) {
                examples.add(JSON.readTree(f.toFile()));
            }
        }
        Matcher m = JSON_BLOCK.matcher(Files.readString(Path.of("README.md")));
        int quoted = 0;
        while (m.find()) {
            String block = m.group(1).lines().map(String::strip).reduce("", String::concat);
            JsonNode record = JSON.readTree(block);
            assertTrue(examples.contains(record),
                    "README.md quotes a record that is not one of schemas/examples/*.valid*.json: " + block);
            quoted++;
        }
        assertEquals(4, quoted, "README.md's JSON records: a tick, a forecast, a break, a dead letter");
    }

    @Test
    void theTroubleshootingQuotesTheUnknownKeyErrorAsPrinted() throws Exception {
        CliRun run = CliRun.run("config", "--set", "chow.windw=3");
        assertEquals(2, run.code(), run.err());
        String line = run.err().lines().findFirst().orElse("");
        String message = line.substring(0, line.indexOf(" ("));
        assertTrue(Files.readString(Path.of("README.md")).contains("**`" + message + "`** (exit 2)"),
                "README.md's troubleshooting should quote: " + message);
        assertTrue(Files.readString(Path.of("README.md")).contains(
                "**`error: " + StartupCheckTest.CLOSED_PORT + "`** (exit 1)"), "README.md's troubleshooting should quote: "
                + StartupCheckTest.CLOSED_PORT);
    }

    /** The essentials table's defaults are the declared ones (every key of a row against its default, in order). */
    @Test
    void theReadmeConfigurationEssentialsShowTheDeclaredDefaults() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf("## Configuration");
        String section = readme.substring(from, readme.indexOf("\n## ", from + 1));
        Matcher row = Pattern.compile("(?m)^\\| (`[a-z.]+`(?:, `[a-z.]+`)*) \\| ([^|]*) \\|").matcher(section);
        int keys = 0;
        while (row.find()) {
            List<String> names = backticked(row.group(1));
            List<String> defaults = backticked(row.group(2));
            for (int i = 0; i < names.size(); i++) {
                var declared = io.tickcast.config.TickcastConfig.configKeys().get(names.get(i));
                assertTrue(declared != null, "README.md's configuration essentials: no key " + names.get(i));
                String value = declared.defaultValue == null ? "" : String.valueOf(declared.defaultValue);
                assertEquals(value.isEmpty() ? List.of() : List.of(value),
                        defaults.size() > i ? List.of(defaults.get(i)) : List.of(),
                        "README.md's configuration essentials: the default of " + names.get(i));
                keys++;
            }
        }
        assertTrue(keys >= 8, "README.md's configuration essentials list " + keys + " keys");
    }

    private static List<String> backticked(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]*)`").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
