package io.tickcast.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a tickcast command line in-process, capturing its output (tests never print). */
public record CliRun(int code, String out, String err) {

    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
