package io.tickcast.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line entry point: {@code tickcast <command> [options]}. */
@Command(name = "tickcast", mixinStandardHelpOptions = true, version = "tickcast 0.1.0",
        description = "Streaming per-symbol LSTM forecasts and structural-break signals on Kafka.",
        subcommands = {
                DemoCommand.class,
                RunCommand.class,
                ConfigCommand.class,
                BacktestCommand.class,
                BenchCommand.class,
                ModelCommand.class,
                ProduceCommand.class,
                GenerateCommand.class,
                TailCommand.class,
                ReportCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with tickcast's error handling: a user error prints one line, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException
                    || ex instanceof IllegalStateException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                commandLine.getErr().flush();
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
