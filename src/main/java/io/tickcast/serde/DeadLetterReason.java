package io.tickcast.serde;

/** Why a tick went to the dead-letter topic. The names are the {@code reason} field's values. */
public enum DeadLetterReason {
    /** The value is not a JSON object (or not JSON at all, or not UTF-8, or a tombstone). */
    MALFORMED_JSON,
    /** {@code symbol}, {@code ts} or {@code value} is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, e.g. {@code "value": "12.5"}. */
    WRONG_TYPE,
    /** {@code value} is NaN, infinite or overflows a double. */
    NON_FINITE,
    /**
     * {@code value} is finite but outside what the learners' arithmetic carries: a magnitude over
     * {@link Limits#MAX_ABS_VALUE} or, other than zero, under {@link Limits#MIN_ABS_VALUE}.
     */
    OUT_OF_RANGE,
    /**
     * {@code ts} is a string that is neither an ISO-8601 date nor a date-time, or a number the configured
     * {@link io.tickcast.config.TimestampUnit} would misread (e.g. epoch seconds read as milliseconds).
     */
    BAD_TIMESTAMP,
    /** The record key differs from the tick's {@code symbol}. */
    KEY_MISMATCH,
    /** The record key is not UTF-8, or longer than {@link Limits#SYMBOL_BYTES}. */
    BAD_KEY,
    /** The symbol cannot be one key everywhere ({@link Symbols}): too long, a control character, an unpaired surrogate. */
    BAD_SYMBOL,
    /** The record value is larger than {@link Limits#TICK_BYTES}. */
    TOO_LARGE,
    /** The tick is older than the symbol's last accepted tick. */
    OUT_OF_ORDER,
    /** The tick has the same timestamp as the symbol's last accepted tick. */
    DUPLICATE,
    /**
     * Processing the tick failed inside tickcast (a defect, or a symbol's stored state that cannot be read): the
     * failure is this record's only; the symbol keeps the state it had before it.
     */
    INTERNAL_ERROR;

    /** The lower-case name used in records and metric tags. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
