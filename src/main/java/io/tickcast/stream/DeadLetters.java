package io.tickcast.stream;

import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.DeadLetterReason;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Dead letters made in the topology: the source record's coordinates, and a failure described in one line. */
final class DeadLetters {

    private DeadLetters() {
    }

    /** A dead letter of the record being processed (its topic, partition and offset from the context). */
    static DeadLetter of(DeadLetterReason reason, String detail, ProcessorContext<?, ?> context, byte[] rawKey,
                         byte[] rawValue) {
        RecordMetadata m = context.recordMetadata().orElse(null);
        return DeadLetter.of(reason, detail, m == null ? null : m.topic(), m == null ? -1 : m.partition(),
                m == null ? -1 : m.offset(), rawKey, rawValue);
    }

    /**
     * An exception in one line for a dead letter's detail: its class, message and the first frame of tickcast's own
     * code it passed through (where to look), and the same of its root cause when that differs.
     */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        describeOne(e, b);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            b.append("; caused by ");
            describeOne(root, b);
        }
        return b.toString();
    }

    private static void describeOne(Throwable e, StringBuilder b) {
        b.append(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            b.append(": ").append(e.getMessage());
        }
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("io.tickcast.")) {
                String cls = f.getClassName();
                b.append(" (at ").append(cls.substring(cls.lastIndexOf('.') + 1)).append('.').append(f.getMethodName())
                        .append(':').append(f.getLineNumber()).append(')');
                break;
            }
        }
    }
}
