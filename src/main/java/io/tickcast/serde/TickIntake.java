package io.tickcast.serde;

import io.tickcast.config.TimestampUnit;

/**
 * The whole tick contract for one raw record, in the order that decides which reason wins: the sizes and the key
 * first (before a byte of JSON is read, so an oversized record costs nothing), then the JSON and its fields
 * ({@link TickParser}, with the configured {@link TimestampUnit}), then what the stream needs of an accepted tick: a
 * symbol that is one key everywhere ({@link Symbols}) and a value the learners' arithmetic carries
 * ({@link Limits#MAX_ABS_VALUE}, {@link Limits#MIN_ABS_VALUE}). Never throws on any input.
 */
public final class TickIntake {

    private final TimestampUnit unit;

    public TickIntake(TimestampUnit unit) {
        this.unit = unit;
    }

    /**
     * @param key   the record key's bytes, null when the record has none
     * @param value the record value's bytes, null for a tombstone
     */
    public TickParser.Result read(byte[] key, byte[] value) {
        if (value == null) {
            return TickParser.Result.bad(DeadLetterReason.MALFORMED_JSON, "record value is null (tombstone)");
        }
        String keyText = null;
        if (key != null) {
            if (key.length > Limits.SYMBOL_BYTES) {
                return TickParser.Result.bad(DeadLetterReason.BAD_KEY, "record key is " + key.length
                        + " bytes; the limit is " + Limits.SYMBOL_BYTES);
            }
            keyText = Utf8.decode(key);
            if (keyText == null) {
                return TickParser.Result.bad(DeadLetterReason.BAD_KEY, "record key is not UTF-8");
            }
            String problem = Symbols.problem(keyText);
            if (problem != null) {
                return TickParser.Result.bad(DeadLetterReason.BAD_KEY, "record key: " + problem);
            }
        }
        if (value.length > Limits.TICK_BYTES) {
            return TickParser.Result.bad(DeadLetterReason.TOO_LARGE, "record value is " + value.length
                    + " bytes; the limit is " + Limits.TICK_BYTES);
        }
        TickParser.Result r = TickParser.parse(keyText, value, unit);
        if (!r.ok()) {
            return r;
        }
        Tick t = r.tick();
        String problem = Symbols.problem(t.symbol());
        if (problem != null) {
            return TickParser.Result.bad(DeadLetterReason.BAD_SYMBOL, problem);
        }
        double v = Math.abs(t.value());
        if (v > Limits.MAX_ABS_VALUE || v != 0 && v < Limits.MIN_ABS_VALUE) {
            return TickParser.Result.bad(DeadLetterReason.OUT_OF_RANGE, "field 'value' " + t.value()
                    + " is outside what tickcast accepts: magnitudes from " + Limits.MIN_ABS_VALUE + " to "
                    + Limits.MAX_ABS_VALUE + ", and 0");
        }
        return r;
    }

    /** The record key as a string when it is one a tick may have (UTF-8, within bounds, a valid symbol), else null. */
    public static String validKey(byte[] key) {
        if (key == null || key.length > Limits.SYMBOL_BYTES) {
            return null;
        }
        String text = Utf8.decode(key);
        return text == null || Symbols.problem(text) != null ? null : text;
    }
}
