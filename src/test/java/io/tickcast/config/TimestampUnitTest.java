package io.tickcast.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampUnitTest {

    private static String refusal(TimestampUnit unit, long raw) {
        String[] why = new String[1];
        Long ms = unit.toMillis(raw, why);
        assertNull(ms, () -> unit + " accepted " + raw);
        return why[0];
    }

    @Test
    void aRefusalNamesTheUnitTheValueLooksLike() {
        assertTrue(refusal(TimestampUnit.MS, 1_700_000_000L).contains("set ticks.ts.unit=s"));
        assertTrue(refusal(TimestampUnit.MS, 1_700_000_000L).contains("1970-01-20"));
        assertTrue(refusal(TimestampUnit.MS, 1_700_000_000_000_000L).contains("set ticks.ts.unit=us"));
        assertTrue(refusal(TimestampUnit.MS, 1_700_000_000_000_000_000L).contains("set ticks.ts.unit=ns"));
        assertTrue(refusal(TimestampUnit.S, 1_700_000_000_000L).contains("set ticks.ts.unit=ms"));
        assertTrue(refusal(TimestampUnit.US, 1_700_000_000_000L).contains("set ticks.ts.unit=ms"));
        assertTrue(refusal(TimestampUnit.S, Long.MAX_VALUE).contains("after the year 9999"));
        assertTrue(refusal(TimestampUnit.S, Long.MIN_VALUE).contains("before the year 1"));
        assertTrue(refusal(TimestampUnit.MS, Long.MIN_VALUE).contains("before the year 1"));
    }

    @Test
    void theBoundsAreTheYearsOneAndNineThousandNineHundredNinetyNine() {
        String[] why = new String[1];
        assertEquals(TimestampUnit.MAX_MS, TimestampUnit.MS.toMillis(TimestampUnit.MAX_MS, why));
        assertEquals(TimestampUnit.MIN_MS, TimestampUnit.MS.toMillis(TimestampUnit.MIN_MS, why));
        assertEquals("9999-12-31T23:59:59.999Z", java.time.Instant.ofEpochMilli(TimestampUnit.MAX_MS).toString());
        assertEquals("0001-01-01T00:00:00Z", java.time.Instant.ofEpochMilli(TimestampUnit.MIN_MS).toString());
        // Small counters, early 1970 outside the seconds band, and dates before 1970 are taken as they are.
        for (long ms : new long[] {0, 1, 999_999_999L, 10_000_000_000L, -1, -2_000_000_000_000L}) {
            assertEquals(ms, TimestampUnit.MS.toMillis(ms, why));
        }
        assertEquals(1_700_000_000L, TimestampUnit.MS_UNCHECKED.toMillis(1_700_000_000L, why));
        assertEquals(-1L, TimestampUnit.US.toMillis(-1, why), "rounded down, as floor");
    }

    @Test
    void codesRoundTrip() {
        for (TimestampUnit u : TimestampUnit.values()) {
            assertEquals(u, TimestampUnit.of(u.code()));
        }
        assertEquals("ms-unchecked", TimestampUnit.MS_UNCHECKED.code());
    }
}
