package io.tickcast.cli;

import io.tickcast.config.TickcastConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code tickcast config}: the declared keys, or the effective configuration after all sources. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration (defaults, --config, TICKCAST_* environment, --set), "
                + "or with --keys the table of declared keys.")
public final class ConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--keys", description = "Print the declared keys as a Markdown table.")
    boolean keys;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (keys) {
            out.print(TickcastConfig.markdownTable());
        } else {
            TickcastConfig c = options.load();
            new TreeMap<>(c.values()).forEach((k, v) -> out.println(k + "=" + v));
        }
        out.flush();
        return 0;
    }
}
