package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders without picocli warnings. An unescaped {@code %} in an option description
 * ("the last 80 % of ...") makes picocli print a warning to stderr and show the raw text.
 */
class HelpTextTest {

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, out));
    }

    @Test
    void everyCommandsHelpRendersCleanly() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine cl : all) {
                String usage = cl.getUsageMessage();
                assertFalse(usage.isBlank(), cl.getCommandName());
            }
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "picocli wrote to stderr while rendering help");
    }

    private static final String EMBEDDED = "without it an embedded broker is started";

    private static String usage(String... path) {
        CommandLine cl = Main.commandLine();
        for (String name : path) {
            cl = cl.getSubcommands().get(name);
        }
        return cl.getUsageMessage().replaceAll("\\s+", " "); // one line: the phrase may wrap
    }

    @Test
    void onlyTheCommandsThatStartAnEmbeddedBrokerSaySo() {
        for (String[] command : new String[][] {{"config"}, {"backtest"}, {"bench", "quality"}, {"bench", "breaks"},
                {"bench", "changepoints"}, {"produce"}, {"tail"}, {"generate"}}) {
            assertFalse(usage(command).contains(EMBEDDED), String.join(" ", command) + ":\n" + usage(command));
        }
        assertTrue(usage("run").contains(EMBEDDED), usage("run"));
        assertTrue(usage("demo").contains(EMBEDDED), usage("demo"));
    }

    @Test
    void theCommandsThatNeverConnectHaveNoBootstrapOption() {
        for (String[] command : new String[][] {{"backtest"}, {"bench", "quality"}, {"bench", "breaks"},
                {"bench", "changepoints"}}) {
            assertFalse(usage(command).contains("--bootstrap"), String.join(" ", command));
        }
        CliRun r = CliRun.run("backtest", "--bootstrap", "kafka:9092", "--csv", "x.csv", "--out", "o");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--bootstrap"), r.err());
    }

    @Test
    void versionNamesTheBuildAndItsCommit() {
        CliRun r = CliRun.run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("tickcast \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,}|unknown)\\)\\R"), r.out());
    }
}
