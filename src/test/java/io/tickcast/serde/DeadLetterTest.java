package io.tickcast.serde;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterTest {

    @Test
    void aSmallRecordIsKeptWhole() {
        DeadLetter d = DeadLetter.of(DeadLetterReason.WRONG_TYPE, "why", "ticks", 1, 2, "A".getBytes(StandardCharsets.UTF_8),
                "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals("A", d.key());
        assertEquals("{\"x\":1}", d.value());
        assertNull(d.valueBytes());
        assertNull(d.valueSha256());
        assertNull(d.keyBase64());
        assertEquals("", SchemaCheck.errors("dead-letter", Json.toString(d)));
    }

    @Test
    void aLargeRecordKeepsAPrefixItsLengthAndItsHash() {
        byte[] value = ("{\"symbol\":\"" + "\u00e9".repeat(500_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        DeadLetter d = DeadLetter.of(DeadLetterReason.TOO_LARGE, "big", "ticks", 0, 0, null, value);
        assertEquals(value.length, d.valueBytes());
        assertEquals(DeadLetter.sha256(value), d.valueSha256());
        byte[] kept = d.value().getBytes(StandardCharsets.UTF_8);
        assertTrue(kept.length <= Limits.DEAD_LETTER_VALUE_BYTES && kept.length >= Limits.DEAD_LETTER_VALUE_BYTES - 3);
        assertTrue(Arrays.equals(kept, Arrays.copyOf(value, kept.length)), "a prefix, cut at a character boundary");
        assertEquals("", SchemaCheck.errors("dead-letter", Json.toString(d)));
    }

    @Test
    void bytesThatAreNotUtf8AreKeptInBase64() {
        byte[] key = new byte[1000];
        Arrays.fill(key, (byte) 0xff);
        byte[] value = new byte[10_000];
        Arrays.fill(value, (byte) 0x80);
        DeadLetter d = DeadLetter.of(DeadLetterReason.BAD_KEY, "bad", "ticks", 0, 0, key, value);
        assertNull(d.key());
        assertNull(d.value());
        assertEquals(Limits.SYMBOL_BYTES, Base64.getDecoder().decode(d.keyBase64()).length);
        assertEquals(Limits.DEAD_LETTER_VALUE_BYTES, Base64.getDecoder().decode(d.valueBase64()).length);
        assertEquals(1000, d.keyBytes());
        assertNotNull(d.keySha256());
        assertEquals("", SchemaCheck.errors("dead-letter", Json.toString(d)));
    }

    @Test
    void theDetailIsBoundedAndHoldsNoUnpairedSurrogate() {
        String detail = DeadLetter.detail("x\ud800y" + "z".repeat(5000));
        assertEquals(Limits.DETAIL_CHARS, detail.length());
        assertTrue(detail.startsWith("x\ufffdy"));
        assertTrue(detail.endsWith("… (5003 characters)"));
        assertEquals("(no detail)", DeadLetter.detail(null));
        assertEquals("\ud83d\ude00", DeadLetter.detail("\ud83d\ude00"));
    }

    /** The worst a dead letter can be: every kept field at its bound and at its worst escaping. */
    @Test
    void theLargestDeadLetterFitsTheDeclaredBound() {
        byte[] controls = new byte[100_000]; // U+0001: six bytes each when escaped in JSON
        Arrays.fill(controls, (byte) 1);
        String detail = "\u0001".repeat(100_000);
        DeadLetter d = DeadLetter.of(DeadLetterReason.INTERNAL_ERROR, detail, "t".repeat(249), Integer.MAX_VALUE,
                Long.MIN_VALUE, controls, controls);
        int size = Json.toBytes(d).length;
        assertTrue(size <= Limits.DEAD_LETTER_MAX_BYTES, size + " > " + Limits.DEAD_LETTER_MAX_BYTES);
        assertTrue(size > Limits.DEAD_LETTER_MAX_BYTES / 2, "the bound is not loose: " + size);
        assertTrue(Limits.DEAD_LETTER_MAX_BYTES < 1 << 20, "under the producer's default limit");
    }

    @Test
    void quotingShowsTheStartOfAStringAndEscapesWhatALogCannotShow() {
        assertEquals("'abc'", Limits.quote("abc"));
        assertEquals("'a\\u0000\\ud800b'", Limits.quote("a\u0000\ud800b"));
        assertEquals("'a\ud83d\ude00'", Limits.quote("a\ud83d\ude00"));
        String q = Limits.quote("S".repeat(900_000));
        assertEquals("'" + "S".repeat(64) + "'… (900000 characters)", q);
    }
}
