package io.tickcast.stream;

import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.TickParser;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses raw tick records. A good tick goes on keyed by its symbol, marked for re-keying when the
 * record had no key; a bad one becomes a dead letter with its reason. Never throws on input.
 */
final class ParseProcessor implements Processor<String, byte[], String, Parsed> {

    private final TickcastMetrics metrics;
    private ProcessorContext<String, Parsed> context;

    ParseProcessor(TickcastMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Parsed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        TickParser.Result r = TickParser.parse(record.key(), record.value());
        if (r.ok()) {
            context.forward(record.withKey(r.tick().symbol()).withValue(Parsed.tick(r.tick(), record.key() == null)));
            return;
        }
        RecordMetadata m = context.recordMetadata().orElse(null);
        DeadLetter dl = DeadLetter.of(r.reason(), r.detail(), m == null ? null : m.topic(),
                m == null ? -1 : m.partition(), m == null ? -1 : m.offset(), record.key(), record.value());
        metrics.deadLetter(dl.reason());
        context.forward(record.withValue(Parsed.dead(dl)));
    }
}
