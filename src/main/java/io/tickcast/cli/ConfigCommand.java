package io.tickcast.cli;

import io.tickcast.config.KnownKeys;
import io.tickcast.config.TickcastConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code tickcast config}: the declared keys, or the effective configuration after all sources. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print the effective configuration (defaults, --config, TICKCAST_* environment, --set), "
                + "then every key passed to the Kafka clients and Kafka Streams, secrets redacted; "
                + "or with --keys the table of declared keys.",
                "Output is a properties file. An unknown key is an error, as it is for every command."})
public final class ConfigCommand implements Callable<Integer> {

    static final String REDACTED = "[redacted]";

    @Mixin
    ConfigOptions options;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, shown as the commands that connect would use them.")
    String bootstrap;

    @Option(names = "--keys", description = "Print the declared keys as a Markdown table.")
    boolean keys;

    @Option(names = "--markdown", description = "With --keys: the whole configuration reference, docs/configuration.md "
            + "(keys grouped by prefix, with type and importance): "
            + TickcastConfig.REFERENCE_COMMAND + ".")
    boolean markdown;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (markdown && !keys) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--markdown goes with --keys");
        }
        if (keys) {
            out.print(markdown ? TickcastConfig.markdownReference() : TickcastConfig.markdownTable());
        } else {
            TickcastConfig c = options.load(bootstrap);
            new TreeMap<>(c.values()).forEach((k, v) -> out.println(k + "=" + v));
            out.println("# passed to Kafka (clients and Streams), secrets redacted:");
            new TreeMap<>(c.streamsProperties()).forEach((k, v) -> out.println(k + "=" + shown(k, v)));
        }
        out.flush();
        return 0;
    }

    /** A value as printed: a secret ({@link KnownKeys#isSecret}) never is. */
    static String shown(String key, Object value) {
        return KnownKeys.isSecret(key) ? REDACTED : String.valueOf(value);
    }
}
