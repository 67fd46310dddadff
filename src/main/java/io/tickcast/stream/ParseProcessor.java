package io.tickcast.stream;

import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.DeadLetterReason;
import io.tickcast.serde.TickIntake;
import io.tickcast.serde.TickParser;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads raw tick records, key and value as bytes (a key is decoded strictly here, so that two different invalid keys
 * can never decode to the same symbol). A good tick goes on keyed by its symbol, marked for re-keying when the record
 * had no key; a bad one becomes a dead letter with its reason ({@link TickIntake}), keyed by the record's key when that
 * is a valid one and without a key otherwise. Never throws on input.
 */
final class ParseProcessor implements Processor<byte[], byte[], String, Parsed> {

    private final TickcastMetrics metrics;
    private final TickIntake intake;
    private ProcessorContext<String, Parsed> context;

    ParseProcessor(TickcastMetrics metrics, TickIntake intake) {
        this.metrics = metrics;
        this.intake = intake;
    }

    @Override
    public void init(ProcessorContext<String, Parsed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        TickParser.Result r;
        try {
            r = intake.read(record.key(), record.value());
        } catch (RuntimeException e) {
            // The intake never throws on input; if it ever does, that is this record's failure, not the partition's.
            r = TickParser.Result.bad(DeadLetterReason.INTERNAL_ERROR, DeadLetters.describe(e));
        }
        if (r.ok()) {
            context.forward(record.withKey(r.tick().symbol()).withValue(Parsed.tick(r.tick(), record.key() == null)));
            return;
        }
        DeadLetter dl = DeadLetters.of(r.reason(), r.detail(), context, record.key(), record.value());
        metrics.deadLetter(dl.reason());
        context.forward(record.withKey(TickIntake.validKey(record.key())).withValue(Parsed.dead(dl)));
    }
}
