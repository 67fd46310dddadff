package io.tickcast.app;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Sends ticks to the ticks topic of an external cluster, with a progress bar and an optional rate limit. */
final class TickProducer {

    private TickProducer() {
    }

    /** Fails with a clear message when the configuration names no cluster. */
    static void requireCluster(TickcastConfig config, String command) {
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
     * @return the number of ticks acknowledged
     */
    static long send(TickcastConfig config, Iterator<TickCsv.Row> rows, long total, double rate, PrintWriter err,
                     String label) throws InterruptedException {
        requireCluster(config, label);
        Map<String, Object> props = config.streamsProperties();
        TickcastApp.createTopics(config, props, config.getShort(TickcastConfig.TOPIC_REPLICATION));
        Properties p = KafkaClients.tickProducer(config.getString(TickcastConfig.BOOTSTRAP_SERVERS), config);
        String topic = config.getString(TickcastConfig.TOPIC_TICKS);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Progress progress = new Progress(err, label, total);
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
                progress.step();
                pacer.pace();
            }
            producer.flush();
        }
        progress.done();
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " on "
                    + config.getString(TickcastConfig.BOOTSTRAP_SERVERS) + " failed after " + acked.get() + " ticks: "
                    + failure.get().getMessage(), failure.get());
        }
        err.println("produced " + acked.get() + " ticks to topic " + topic);
        err.flush();
        return acked.get();
    }
}
