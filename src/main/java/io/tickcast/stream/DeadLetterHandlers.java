package io.tickcast.stream;

import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.DeadLetterReason;
import io.tickcast.serde.Json;
import io.tickcast.serde.TickIntake;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka Streams' exception handlers, set by {@link #properties}: the last line behind the topology's own guards
 * ({@link ParseProcessor} and {@link ForecastProcessor} never let a record's failure escape). Whatever still fails for
 * one record — deserializing a repartitioned tick, a step of the topology, serializing an output, sending one —
 * becomes a dead letter with reason {@code internal_error}, produced by Kafka Streams in the same transaction
 * (KIP-1034), and processing continues. Two exceptions to "continue": a retriable send error is retried, and a failed
 * send to a changelog fails the task as before, since going on would leave a store its changelog does not match.
 *
 * <p>An oversized record cannot be saved this way under exactly-once: the producer aborts the whole transaction on it.
 * That is why the topology bounds every record it writes ({@link io.tickcast.serde.Limits}).
 */
public final class DeadLetterHandlers {

    /** The dead-letter topic's name, passed to the handlers through the Streams configuration. */
    static final String TOPIC_CONFIG = "tickcast.dead.letter.topic";
    /** The {@link TickcastMetrics} that count the dead letters (an object in the configuration map). */
    static final String METRICS_CONFIG = "tickcast.dead.letter.metrics";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    /** The Streams properties that install the three handlers, writing to {@code topic} and counting in {@code metrics}. */
    public static Map<String, Object> properties(String topic, TickcastMetrics metrics) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, Production.class);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class);
        p.put(TOPIC_CONFIG, topic);
        p.put(METRICS_CONFIG, metrics);
        return p;
    }

    /** What the three handlers share: the topic, the metrics, and the dead letter of the source record. */
    private abstract static class Base {
        private String topic;
        private TickcastMetrics metrics;

        public void configure(Map<String, ?> configs) {
            Object t = configs.get(TOPIC_CONFIG);
            if (t == null) {
                throw new IllegalArgumentException(getClass().getName() + " needs " + TOPIC_CONFIG);
            }
            topic = t.toString();
            metrics = configs.get(METRICS_CONFIG) instanceof TickcastMetrics m ? m : null;
        }

        /** The dead letter of the record being processed when {@code e} happened, keyed as the source record was. */
        List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext ctx, String what, Exception e) {
            LOG.error("{} failed for the record at {}-{} offset {}; it goes to {} as internal_error", what, ctx.topic(),
                    ctx.partition(), ctx.offset(), topic, e);
            DeadLetter dl = DeadLetter.of(DeadLetterReason.INTERNAL_ERROR, what + " failed: " + DeadLetters.describe(e),
                    ctx.topic(), ctx.partition(), ctx.offset(), ctx.sourceRawKey(), ctx.sourceRawValue());
            if (metrics != null) {
                metrics.deadLetter(dl.reason());
            }
            String key = TickIntake.validKey(ctx.sourceRawKey());
            return List.of(new ProducerRecord<>(topic, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(dl)));
        }
    }

    /** A step of the topology threw. */
    public static final class Processing extends Base implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext ctx, Record<?, ?> record, Exception e) {
            return Response.resume(deadLetter(ctx, "processing (node " + ctx.processorNodeId() + ")", e));
        }
    }

    /** An output could not be serialized or sent. */
    public static final class Production extends Base implements ProductionExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext ctx, ProducerRecord<byte[], byte[]> record, Exception e) {
            if (e instanceof RetriableException) {
                return Response.retry();
            }
            if (record.topic().endsWith("-changelog")) {
                return Response.fail();
            }
            return Response.resume(deadLetter(ctx, "sending a record to " + record.topic(), e));
        }

        @Override
        public Response handleSerializationError(ErrorHandlerContext ctx, ProducerRecord record, Exception e,
                                                 SerializationExceptionOrigin origin) {
            return Response.resume(deadLetter(ctx, "serializing the " + origin.name().toLowerCase(java.util.Locale.ROOT)
                    + " of a record for " + record.topic(), e));
        }
    }

    /** A repartitioned tick could not be read back (the source topic is read as bytes and cannot fail). */
    public static final class Deserialization extends Base implements DeserializationExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext ctx, ConsumerRecord<byte[], byte[]> record, Exception e) {
            return Response.resume(deadLetter(ctx, "deserializing a record of " + record.topic(), e));
        }
    }
}
