package io.tickcast.runtime;

import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Sends ticks to the ticks topic of an external cluster, with an optional rate limit. */
public final class TickProducer {

    private TickProducer() {
    }

    /** Fails with a clear message when the configuration names no cluster. */
    public static void requireCluster(TickcastConfig config, String command) {
        if (config.embedded()) {
            throw new IllegalArgumentException(command + " needs a Kafka cluster: give --bootstrap HOST:PORT (or "
                    + "bootstrap.servers in --config / TICKCAST_BOOTSTRAP_SERVERS); an embedded broker would vanish "
                    + "when " + command + " exits");
        }
    }

    /**
     * Creates the topics where missing (when {@code topics.create}), then sends every row keyed by its symbol.
     *
     * @param rate ticks per second; ≤ 0 as fast as possible
     * @param sent called after each tick is handed to the producer (a progress bar)
     * @return the number of ticks acknowledged
     * @throws IllegalStateException when the cluster rejects a tick
     */
    public static long send(TickcastConfig config, Iterator<TickCsv.Row> rows, double rate, Runnable sent)
            throws InterruptedException {
        requireCluster(config, "producing ticks");
        Map<String, Object> props = config.streamsProperties();
        Topics.createMissing(config, props, config.getShort(TickcastConfig.TOPIC_REPLICATION));
        Properties p = KafkaClients.tickProducer(config.getString(TickcastConfig.BOOTSTRAP_SERVERS), config);
        String topic = config.getString(TickcastConfig.TOPIC_TICKS);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Pacer pacer = new Pacer(rate);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            while (rows.hasNext() && failure.get() == null) {
                TickCsv.Row r = rows.next();
                producer.send(new ProducerRecord<>(topic, r.symbol(), r.json()), (md, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                sent.run();
                pacer.pace();
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " on "
                    + config.getString(TickcastConfig.BOOTSTRAP_SERVERS) + " failed after " + acked.get() + " ticks: "
                    + failure.get().getMessage(), failure.get());
        }
        return acked.get();
    }
}
