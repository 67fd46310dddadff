package io.tickcast.it;

import io.tickcast.runtime.EmbeddedKafka;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one JUnit extension that gives integration tests a real Kafka broker: Testcontainers' Kafka
 * module (the official {@code apache/kafka} image) where a Docker engine is reachable, otherwise
 * tickcast's embedded KRaft broker. Inject {@link Broker} as a test or constructor parameter; one
 * broker per test JVM, stopped when the JVM's root context closes.
 */
public final class KafkaBroker implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    /** A running broker. */
    public record Broker(String bootstrapServers, String kind) {
    }

    private record Holder(Broker broker, AutoCloseable stop) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Broker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Holder.class, k -> start(), Holder.class).broker();
    }

    private static Holder start() {
        if (dockerAvailable()) {
            KafkaContainer kafka = new KafkaContainer("apache/kafka:" + kafkaVersion());
            kafka.start();
            LOG.info("integration tests use a Testcontainers Kafka broker at {}", kafka.getBootstrapServers());
            return new Holder(new Broker(kafka.getBootstrapServers(), "testcontainers"), kafka::stop);
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(null);
        LOG.info("no Docker engine: integration tests use the embedded KRaft broker at {}", kafka.bootstrapServers());
        return new Holder(new Broker(kafka.bootstrapServers(), "embedded"), kafka);
    }

    /** The broker's version: the pom's {@code kafka.version}, which failsafe passes as {@code tickcast.kafka.version}. */
    static String kafkaVersion() {
        String v = System.getProperty("tickcast.kafka.version");
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("no tickcast.kafka.version: run the integration tests through Maven "
                    + "(failsafe passes the pom's kafka.version), or pass -Dtickcast.kafka.version=...");
        }
        return v;
    }

    private static boolean dockerAvailable() {
        // Ask Testcontainers only where an engine could be: it logs an error for every strategy it tries.
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }
}
