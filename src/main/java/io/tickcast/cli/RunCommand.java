package io.tickcast.cli;

import io.tickcast.config.TickcastConfig;
import io.tickcast.runtime.TickcastApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tickcast run}: the production entry point. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the forecasting topology against a Kafka cluster until SIGTERM/Ctrl-C.",
                "Give --bootstrap or bootstrap.servers in --config; every standard Kafka client and Streams key in "
                        + "the config file passes through unchanged (TLS, SASL, processing.guarantee, ...).",
                "Without bootstrap servers an embedded single-node broker is started (for trying it out)."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers to run against (or bootstrap.servers in --config); without it an embedded broker is started, for trying tickcast out.")
    String bootstrap;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        TickcastConfig config = options.load(bootstrap);
        CountDownLatch stopped = new CountDownLatch(1);
        TickcastApp app = TickcastApp.start(config, dataDir.of(config));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "tickcast-shutdown"));
        stopped.await();
        return 0;
    }
}
