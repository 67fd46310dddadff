package io.tickcast.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line entry point: {@code tickcast <command> [options]}. */
@Command(name = "tickcast", mixinStandardHelpOptions = true, version = "tickcast 0.1.0",
        description = "Streaming per-symbol LSTM forecasts and structural-break signals on Kafka.",
        subcommands = {
                CommandLine.HelpCommand.class, ModelCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
