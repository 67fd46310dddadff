package io.tickcast.runtime;

import io.tickcast.config.TickcastConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** The topics tickcast reads and writes, created at start-up where missing. */
public final class Topics {

    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

    private Topics() {
    }

    /**
     * The Admin client's share of the application's client properties: the bootstrap servers, the security keys and
     * any other key an Admin client knows, so that tickcast's own Admin clients connect as Kafka Streams does.
     */
    static Map<String, Object> adminProperties(Map<String, Object> props) {
        Map<String, Object> adminProps = new HashMap<>(props);
        adminProps.keySet().retainAll(AdminClientConfig.configNames());
        return adminProps;
    }

    /**
     * Creates tickcast's four topics (ticks, forecasts, breaks, dead letters) where missing, when
     * {@code topics.create} is true, with {@code topics.partitions} partitions.
     *
     * @param props the client properties: bootstrap servers and security keys (others are ignored)
     * @param rf    replication factor; negative takes the broker's default
     * @throws IllegalStateException when the cluster refuses or cannot be reached
     */
    public static void createMissing(TickcastConfig config, Map<String, Object> props, short rf) {
        if (!config.getBoolean(TickcastConfig.TOPIC_CREATE)) {
            return;
        }
        Map<String, Object> adminProps = adminProperties(props);
        int partitions = config.getInt(TickcastConfig.TOPIC_PARTITIONS);
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String key : List.of(TickcastConfig.TOPIC_TICKS, TickcastConfig.TOPIC_FORECASTS,
                    TickcastConfig.TOPIC_BREAKS, TickcastConfig.TOPIC_DLQ)) {
                String name = config.getString(key);
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, Optional.of(partitions), rf < 0 ? Optional.empty() : Optional.of(rf)));
                }
            }
            // Another instance (or a producer with auto-create) may create a topic between the list and the create:
            // a topic that exists is what was wanted, so TopicExistsException is success, topic by topic.
            Map<String, KafkaFuture<Void>> results = missing.isEmpty() ? Map.of() : admin.createTopics(missing).values();
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> r : results.entrySet()) {
                try {
                    r.getValue().get();
                    created.add(r.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    LOG.info("topic {} was created meanwhile by someone else", r.getKey());
                }
            }
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics on " + props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
