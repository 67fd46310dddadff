package io.tickcast.serde;

/**
 * Every bound on what a record may carry, declared once (docs/architecture.md, "Guarantees"). A tick over a bound is a dead letter
 * with its own reason before anything else reads it, so that nothing downstream — the repartition topic, the stores,
 * the output topics — ever sees a record larger than these sizes allow; and a dead letter keeps a bounded prefix of
 * what it refuses, so that it always fits the producer's limit (1 MiB by default) with room to spare.
 */
public final class Limits {

    /** The largest tick record value, in bytes: a tick is about 60 bytes, unknown fields included there is room. */
    public static final int TICK_BYTES = 64 * 1024;

    /** The longest symbol, and record key, in UTF-8 bytes. */
    public static final int SYMBOL_BYTES = 256;

    /**
     * The largest magnitude of an accepted value. Squares and sums of squares of changes between such values stay
     * far inside a double (1e200 × 1e4 ticks is 1e204 against 1.8e308), and so does every learner's arithmetic.
     */
    public static final double MAX_ABS_VALUE = 1e100;

    /**
     * The smallest non-zero magnitude of an accepted value: the reciprocal of {@link #MAX_ABS_VALUE}, so that a ratio
     * of a value and a change scale stays representable.
     */
    public static final double MIN_ABS_VALUE = 1e-100;

    /** The bytes of a refused record's value a dead letter keeps; beyond them it carries the length and a SHA-256. */
    public static final int DEAD_LETTER_VALUE_BYTES = 4096;

    /** The characters of a dead letter's {@code detail}; a longer one is cut and says so. */
    public static final int DETAIL_CHARS = 1024;

    /**
     * An upper bound of a dead letter's JSON in bytes: key and value kept at their limits, escaped at their worst
     * (six bytes per byte), a detail of {@link #DETAIL_CHARS} characters at six bytes each, a topic name of Kafka's
     * longest (249), the hashes and the field names. {@code LimitsTest} checks it against the worst record.
     */
    public static final int DEAD_LETTER_MAX_BYTES = 6 * (SYMBOL_BYTES + DEAD_LETTER_VALUE_BYTES + DETAIL_CHARS + 249) + 1024;

    /** Characters of a user's string shown in a detail message. */
    private static final int QUOTED_CHARS = 64;

    private Limits() {
    }

    /**
     * The string in single quotes for a detail message: its first {@value #QUOTED_CHARS} characters, control
     * characters and unpaired surrogates written as {@code \\uXXXX}, and when cut, how long it was.
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), QUOTED_CHARS) + 24).append('\'');
        int end = Math.min(s.length(), QUOTED_CHARS);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !paired) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (Character.isHighSurrogate(b.charAt(b.length() - 1)) && end < s.length()) {
            b.setLength(b.length() - 1); // do not cut a pair in half
        }
        b.append('\'');
        if (end < s.length()) {
            b.append("… (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }
}
