package io.tickcast.cli;

import io.tickcast.config.TickcastConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data-dir} of the commands that may start an embedded broker: refused when bootstrap servers are given. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Embedded broker only: keep its data and the state stores here (models survive a restart). "
                    + "With bootstrap servers, the state stores' directory is state.dir.")
    Path dataDir;

    /**
     * The directory, or null.
     *
     * @throws IllegalArgumentException when one is given with bootstrap servers: it would be ignored
     */
    Path of(TickcastConfig config) {
        if (dataDir != null && !config.embedded()) {
            throw new IllegalArgumentException("--data-dir applies to the embedded broker only, not with bootstrap servers "
                    + config.getString(TickcastConfig.BOOTSTRAP_SERVERS)
                    + "; keep the state stores with --set state.dir=" + dataDir);
        }
        return dataDir;
    }
}
