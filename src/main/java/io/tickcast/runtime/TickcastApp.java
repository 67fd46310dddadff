package io.tickcast.runtime;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tickcast.config.TickcastConfig;
import io.tickcast.http.ForecastHistory;
import io.tickcast.http.HttpApi;
import io.tickcast.http.StoreQueries;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.stream.ForecastTopology;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One running tickcast: optionally an embedded broker, the topics, the Kafka Streams topology, the
 * cluster probe behind readiness ({@link Health}) and the HTTP server. {@link #close()} stops them in
 * reverse order.
 */
public final class TickcastApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TickcastApp.class);

    private final TickcastConfig config;
    private final EmbeddedKafka broker;
    private final String bootstrap;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreams streams;
    private final Path tempStateDir;
    private final Health health;
    private final ClusterProbe probe;
    private HttpApi http;

    private TickcastApp(TickcastConfig config, EmbeddedKafka broker, String bootstrap, PrometheusMeterRegistry registry,
                        KafkaStreams streams, Path tempStateDir, Health health, ClusterProbe probe) {
        this.config = config;
        this.broker = broker;
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.streams = streams;
        this.tempStateDir = tempStateDir;
        this.health = health;
        this.probe = probe;
    }

    /**
     * Starts everything and returns once Kafka Streams has been started (not necessarily RUNNING).
     *
     * @param dataDir embedded broker and state directory to keep between runs, or null
     * @throws UnreachableClusterException when the bootstrap servers do not answer within {@code startup.timeout.ms}
     */
    public static TickcastApp start(TickcastConfig config, Path dataDir) {
        EmbeddedKafka broker = config.embedded() ? EmbeddedKafka.start(dataDir == null ? null : dataDir.resolve("kafka")) : null;
        try {
            String bootstrap = broker != null ? broker.bootstrapServers() : config.getString(TickcastConfig.BOOTSTRAP_SERVERS);
            Map<String, Object> props = config.streamsProperties();
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            if (broker == null) {
                // Before anything else: a wrong address or a TLS mismatch says so now, not as a timeout a minute later.
                BootstrapCheck.require(config);
            }
            short replication = broker != null && !config.originals().containsKey(TickcastConfig.TOPIC_REPLICATION)
                    ? 1 : config.getShort(TickcastConfig.TOPIC_REPLICATION);
            Topics.createMissing(config, props, replication);

            Path tempState = null;
            if (!props.containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
                if (dataDir != null) {
                    props.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("state").toString());
                } else if (broker != null) {
                    tempState = Files.createTempDirectory("tickcast-state-");
                    props.put(StreamsConfig.STATE_DIR_CONFIG, tempState.toString());
                }
            }
            int maxBytes = ForecastTopology.changelogMaxBytes(config);
            props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxBytes + 64 * 1024);
            String host = config.getString(TickcastConfig.HTTP_HOST);
            int port = config.getInt(TickcastConfig.HTTP_PORT);

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            TickcastMetrics metrics = TickcastMetrics.bind(registry, config.getInt(TickcastConfig.METRICS_SYMBOLS_MAX));
            ForecastTopology.streamsProperties(config, metrics).forEach(props::putIfAbsent);

            // The live page's overview rows and recent ticks, kept in memory from what the forecast step forwards.
            ForecastHistory history = new ForecastHistory(config.getInt(TickcastConfig.HTTP_HISTORY_SIZE),
                    config.getInt(TickcastConfig.HTTP_HISTORY_SYMBOLS), config.getInt(TickcastConfig.HTTP_OVERVIEW_SYMBOLS));
            KafkaStreams streams = new KafkaStreams(ForecastTopology.build(config, metrics, history),
                    new StreamsConfig(props));
            new KafkaStreamsMetrics(streams).bindTo(registry);
            Health health = new Health(bootstrap, System::nanoTime);
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("stream thread died; replacing it", e);
                metrics.streamThreadReplaced();
                health.threadDied();
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            ClusterProbe probe = ClusterProbe.start(Topics.adminProperties(props), health);
            TickcastApp app = new TickcastApp(config, broker, bootstrap, registry, streams, tempState, health, probe);
            Object server = props.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
            org.apache.kafka.streams.state.HostInfo self = server == null ? null
                    : org.apache.kafka.streams.state.HostInfo.buildFromEndpoint(server.toString());
            StoreQueries queries = new StoreQueries(streams, config, self, history);
            // After a rebalance, forget the page's data of the symbols that moved to another instance.
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING && before == KafkaStreams.State.REBALANCING) {
                    Thread t = new Thread(() -> retain(history, queries), "tickcast-history-retain");
                    t.setDaemon(true);
                    t.start();
                }
            });
            try {
                app.http = HttpApi.start(host, port, registry, () -> health.alive(streams.state()),
                        () -> health.ready(streams.state()), queries);
                LOG.info("HTTP on {}/ (the live page, metrics, health, ready, symbols)", app.httpAddress());
            } catch (IOException e) {
                app.close();
                throw new UncheckedIOException("cannot listen on " + host + ":" + port
                        + " (set http.port, e.g. --set http.port=0 for any free port)", e);
            }
            streams.start();
            return app;
        } catch (IOException e) {
            if (broker != null) {
                broker.close();
            }
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    private static void retain(ForecastHistory history, StoreQueries queries) {
        try {
            history.retain(queries::holds);
        } catch (RuntimeException e) {
            LOG.debug("could not sort out the live page's symbols after a rebalance", e);
        }
    }

    /** Waits until the topology is RUNNING. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public TickcastConfig config() {
        return config;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public int httpPort() {
        return http.port();
    }

    /**
     * The HTTP server's address for a browser on this machine, e.g. {@code http://127.0.0.1:9400} (the live page is at
     * {@code /}, the metrics at {@code /metrics}); a wildcard {@code http.host} gives the loopback address.
     */
    public String httpAddress() {
        String host = config.getString(TickcastConfig.HTTP_HOST);
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "127.0.0.1";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port();
    }

    @Override
    public void close() {
        health.closing();
        if (http != null) {
            http.close();
        }
        probe.close();
        streams.close(Duration.ofSeconds(30));
        if (broker != null) {
            broker.close();
        }
        if (tempStateDir != null) {
            Directories.deleteRecursively(tempStateDir);
        }
        registry.close();
    }
}
