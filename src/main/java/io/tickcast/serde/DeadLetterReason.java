package io.tickcast.serde;

/** Why a tick went to the dead-letter topic. The names are the {@code reason} field's values. */
public enum DeadLetterReason {
    /** The value is not a JSON object (or not JSON at all, or not UTF-8). */
    MALFORMED_JSON,
    /** {@code symbol}, {@code ts} or {@code value} is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, e.g. {@code "value": "12.5"}. */
    WRONG_TYPE,
    /** {@code value} is NaN, infinite or overflows a double. */
    NON_FINITE,
    /** {@code ts} is a string that is neither an ISO-8601 date nor a date-time. */
    BAD_TIMESTAMP,
    /** The record key differs from the tick's {@code symbol}. */
    KEY_MISMATCH,
    /** The tick is older than the symbol's last accepted tick. */
    OUT_OF_ORDER,
    /** The tick has the same timestamp as the symbol's last accepted tick. */
    DUPLICATE;

    /** The lower-case name used in records and metric tags. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
