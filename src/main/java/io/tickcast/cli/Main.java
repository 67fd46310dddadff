package io.tickcast.cli;

import io.tickcast.metrics.BuildInfo;
import io.tickcast.runtime.UnreachableClusterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** The command line entry point: {@code tickcast <command> [options]}. */
@Command(name = "tickcast", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
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

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log the stack trace of an expected failure too (e.g. unreachable bootstrap servers).")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The command line with tickcast's error handling. A usage error — a bad option, a bad input file or a
     * bad configuration ({@link CommandLine.ParameterException}, {@link IllegalArgumentException},
     * {@link IOException}, {@link UncheckedIOException}) — prints one line {@code error: ...} and exits 2.
     * An unreachable cluster ({@link UnreachableClusterException}) prints its message and exits 1, with the stack
     * trace only under {@code --verbose}. Any other exception is a failure: its stack trace is logged and it exits 1.
     */
    public static CommandLine commandLine() {
        return withErrorHandling(new CommandLine(new Main()));
    }

    static CommandLine withErrorHandling(CommandLine cl) {
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage() + " (see " + c.getCommandSpec().qualifiedName() + " --help)");
            c.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IOException || ex instanceof UncheckedIOException) {
                c.getErr().println("error: " + userMessage(ex));
                c.getErr().flush();
                return CommandLine.ExitCode.USAGE;
            }
            if (ex instanceof UnreachableClusterException) {
                if (verbose(parseResult)) {
                    LOG.error("{} failed", c.getCommandSpec().qualifiedName(), ex);
                }
                c.getErr().println("error: " + ex.getMessage());
                c.getErr().flush();
                return CommandLine.ExitCode.SOFTWARE;
            }
            LOG.error("{} failed", c.getCommandSpec().qualifiedName(), ex);
            c.getErr().println("error: " + ex + " (a failure, not a usage error: the stack trace is logged above)");
            c.getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl;
    }

    /** Whether --verbose was given, on the top-level command or a subcommand. */
    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String userMessage(Exception ex) {
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (cause instanceof NoSuchFileException) {
            return "no such file: " + cause.getMessage();
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied: " + cause.getMessage();
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.toString();
    }

    /** {@code tickcast --version}: the build's version and commit, as {@code tickcast_build_info} labels them. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo build = BuildInfo.current();
            return new String[] {"tickcast " + build.version() + " (commit " + build.commit() + ")"};
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
