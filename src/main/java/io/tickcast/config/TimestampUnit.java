package io.tickcast.config;

import java.time.Instant;
import java.util.Locale;

/**
 * The unit of a tick's numeric {@code ts} ({@code ticks.ts.unit}); ISO-8601 strings carry their own. Every unit is
 * turned into epoch milliseconds, and every unit but {@link #MS_UNCHECKED} refuses a value it would misread: one
 * after the year 9999 or before the year 1 (in milliseconds a microsecond or nanosecond epoch value is tens of
 * thousands of years ahead), and one that lands between 1970-01-12 and 1970-04-27 — which is where every epoch
 * <em>seconds</em> value of 2001–2286 lands when read as milliseconds. The refusal says which unit the value looks
 * like, so a producer sending seconds learns to set {@code ticks.ts.unit=s} instead of getting forecasts dated 1970.
 */
public enum TimestampUnit {
    /** Epoch milliseconds (the default). */
    MS(1, 1),
    /** Epoch seconds. */
    S(1000, 1),
    /** Epoch microseconds, rounded down to the millisecond (two ticks within one millisecond are duplicates). */
    US(1, 1000),
    /** Epoch nanoseconds, rounded down to the millisecond. */
    NS(1, 1_000_000),
    /**
     * Epoch milliseconds, any value: no check (a counter, or data from early 1970). Only the type is checked.
     */
    MS_UNCHECKED(1, 1);

    /** 0001-01-01T00:00:00Z in epoch milliseconds. */
    public static final long MIN_MS = -62_135_596_800_000L;
    /** 9999-12-31T23:59:59.999Z in epoch milliseconds. */
    public static final long MAX_MS = 253_402_300_799_999L;
    /** Epoch seconds of 2001-09-09, read as milliseconds. */
    private static final long SECONDS_LOOKALIKE_FROM = 1_000_000_000L;
    /** Epoch seconds of 2286-11-20, read as milliseconds. */
    private static final long SECONDS_LOOKALIKE_TO = 10_000_000_000L;

    private final long multiply;
    private final long divide;

    TimestampUnit(long multiply, long divide) {
        this.multiply = multiply;
        this.divide = divide;
    }

    /** The configuration value: {@code ms}, {@code s}, {@code us}, {@code ns} or {@code ms-unchecked}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TimestampUnit of(String code) {
        for (TimestampUnit u : values()) {
            if (u.code().equals(code)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown timestamp unit '" + code + "'");
    }

    /** The configuration values, for documentation and validation. */
    public static String[] codes() {
        TimestampUnit[] all = values();
        String[] out = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].code();
        }
        return out;
    }

    /**
     * The epoch milliseconds of a numeric {@code ts} in this unit.
     *
     * @return null, with the reason in {@code why[0]}, when the value is refused
     */
    public Long toMillis(long raw, String[] why) {
        long ms;
        if (multiply != 1) {
            if (raw > MAX_MS / multiply || raw < MIN_MS / multiply) {
                why[0] = describe(raw) + " is " + (raw > 0 ? "after the year 9999" : "before the year 1") + " as epoch "
                        + unitName() + suggestion(raw);
                return null;
            }
            ms = raw * multiply;
        } else {
            ms = Math.floorDiv(raw, divide);
        }
        if (this == MS_UNCHECKED) {
            return ms;
        }
        if (ms > MAX_MS || ms < MIN_MS) {
            why[0] = describe(raw) + " is " + (ms > MAX_MS ? "after the year 9999" : "before the year 1") + " as epoch "
                    + unitName() + suggestion(raw);
            return null;
        }
        if (ms >= SECONDS_LOOKALIKE_FROM && ms < SECONDS_LOOKALIKE_TO) {
            why[0] = describe(raw) + " as epoch " + unitName() + " is " + Instant.ofEpochMilli(ms)
                    + ", where epoch seconds land when read as milliseconds" + suggestion(raw)
                    + " (ticks.ts.unit=ms-unchecked takes it as it is)";
            return null;
        }
        return ms;
    }

    private static String describe(long raw) {
        return "field 'ts' " + raw;
    }

    private String unitName() {
        return switch (this) {
            case S -> "seconds";
            case US -> "microseconds";
            case NS -> "nanoseconds";
            default -> "milliseconds";
        };
    }

    /** The unit a value of today's epoch would have at this many digits, as a hint; empty when it is this unit. */
    private String suggestion(long raw) {
        long a = raw == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(raw);
        TimestampUnit likely = a >= 100_000_000_000_000_000L ? NS
                : a >= 100_000_000_000_000L ? US
                : a >= 100_000_000_000L ? MS
                : S;
        boolean same = likely == this || likely == MS && this == MS_UNCHECKED;
        return same ? "" : "; it looks like epoch " + likely.unitName() + ": set ticks.ts.unit=" + likely.code();
    }
}
