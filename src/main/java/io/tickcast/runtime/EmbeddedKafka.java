package io.tickcast.runtime;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) inside this JVM,
 * on 127.0.0.1 with free ports. The data directory is a temporary one removed on {@link #close()},
 * or a given one that is kept (and re-used without formatting when it already holds a cluster).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path dataDir;
    private final boolean temporary;
    private final Properties serverProps;
    private final String bootstrap;
    /** The running server, or null between {@link #stop()} and {@link #restart()}. */
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, boolean temporary, Properties serverProps, KafkaRaftServer server,
                          String bootstrap) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.serverProps = serverProps;
        this.server = server;
        this.bootstrap = bootstrap;
    }

    /**
     * Formats (if needed) and starts a broker.
     *
     * @param dataDir a directory to keep between runs, or null for a temporary one
     */
    public static EmbeddedKafka start(Path dataDir) {
        boolean temporary = dataDir == null;
        try {
            Path dir = temporary ? Files.createTempDirectory("tickcast-kafka-") : dataDir.toAbsolutePath();
            Files.createDirectories(dir);
            Path logs = dir.resolve("kraft-logs");
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", logs.toString());
            p.put("num.partitions", "1");
            // Single node: internal topics cannot have more replicas; without these exactly-once hangs.
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "4");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "false");
            p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
            p.put("log.retention.hours", "-1");
            p.put("unclean.leader.election.enable", "false");

            if (!Files.exists(logs.resolve("meta.properties"))) {
                format(dir, p);
            }
            String bootstrap = "127.0.0.1:" + brokerPort;
            KafkaRaftServer server = startServer(p);
            LOG.info("Embedded Kafka broker (KRaft) listening on {} with data in {}{}", bootstrap, dir,
                    temporary ? " (removed at exit)" : "");
            return new EmbeddedKafka(dir, temporary, p, server, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker", e);
        }
    }

    private static KafkaRaftServer startServer(Properties p) {
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    private static void format(Path dir, Properties p) throws IOException {
        Path props = dir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(props)) {
            p.store(w, "tickcast embedded broker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", props.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting the embedded broker's storage failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** {@code host:port} of the broker listener. */
    public String bootstrapServers() {
        return bootstrap;
    }

    /**
     * Shuts the broker down and keeps its data and ports, so that {@link #restart()} brings the same cluster back at
     * the same address: a broker outage, for the tests of what clients do meanwhile.
     */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again after {@link #stop()}, on the same data directory and ports. */
    public synchronized void restart() {
        if (server == null) {
            server = startServer(serverProps);
        }
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            Directories.deleteRecursively(dataDir);
        }
    }
}
