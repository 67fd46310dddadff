package io.tickcast.serde;

import io.tickcast.config.TimestampUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickIntakeTest {

    private static final TickIntake MS = new TickIntake(TimestampUnit.MS);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static TickParser.Result read(String key, String json) {
        return MS.read(key == null ? null : utf8(key), utf8(json));
    }

    private static String tick(String symbol, String ts, String value) {
        return "{\"symbol\":" + symbol + ",\"ts\":" + ts + ",\"value\":" + value + "}";
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":1}                | ",
            "     | {\"symbol\":\"X\\ud800\",\"ts\":1,\"value\":1}         | BAD_SYMBOL",
            "     | {\"symbol\":\"X\\udc00\\ud800\",\"ts\":1,\"value\":1}  | BAD_SYMBOL",
            "     | {\"symbol\":\"X\\ud83d\\ude00\",\"ts\":1,\"value\":1}  | ",
            "     | {\"symbol\":\"A\\u0000\",\"ts\":1,\"value\":1}         | BAD_SYMBOL",
            "     | {\"symbol\":\"A\\n\",\"ts\":1,\"value\":1}             | BAD_SYMBOL",
            "     | {\"symbol\":\"A\\u0085\",\"ts\":1,\"value\":1}         | BAD_SYMBOL",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":1.7e308}          | OUT_OF_RANGE",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":-1.7e308}         | OUT_OF_RANGE",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":1.0000001e100}    | OUT_OF_RANGE",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":1e100}            | ",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":-1e100}           | ",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":1e-100}           | ",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":9.9e-101}         | OUT_OF_RANGE",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":4.9e-324}         | OUT_OF_RANGE",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":0}                | ",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":-0.0}             | ",
            "A    | {\"symbol\":\"A\",\"ts\":1,\"value\":1e999}            | NON_FINITE",
            "A    | {\"symbol\":\"A\",\"ts\":1700000000,\"value\":1}       | BAD_TIMESTAMP",
            "A    | {\"symbol\":\"A\",\"ts\":\"1700000000\",\"value\":1}   | BAD_TIMESTAMP",
            "A    | {\"symbol\":\"A\",\"ts\":1700000000000,\"value\":1}    | ",
            "A    | {\"symbol\":\"A\",\"ts\":1700000000000000,\"value\":1} | BAD_TIMESTAMP",
            "A    | {\"symbol\":\"A\",\"ts\":-62135596800001,\"value\":1}  | BAD_TIMESTAMP",
            "A    | {\"symbol\":\"A\",\"ts\":-62135596800000,\"value\":1}  | ",
            "A    | {\"symbol\":\"A\",\"ts\":\"2023-11-14\",\"value\":1}   | ",
            "A    | {\"symbol\":\"B\",\"ts\":1,\"value\":1}                | KEY_MISMATCH",
            "``   | {\"symbol\":\"A\",\"ts\":1,\"value\":1}                | BAD_KEY",
            "A\tB | {\"symbol\":\"A\\tB\",\"ts\":1,\"value\":1}           | BAD_KEY",
    })
    void theContract(String key, String json, DeadLetterReason reason) {
        TickParser.Result r = read(key, json.trim());
        assertEquals(reason, r.reason(), r.detail());
        if (reason != null) {
            assertTrue(r.detail() != null && !r.detail().isBlank() && r.detail().length() < 400, r.detail());
        }
    }

    @Test
    void sizesAreCheckedBeforeAByteOfJsonIsRead() {
        String padding = " ".repeat(Limits.TICK_BYTES - tick("\"A\"", "1", "1").length());
        assertTrue(read("A", tick("\"A\"", "1", "1") + padding).ok(), "a record of exactly the limit");
        TickParser.Result over = read("A", tick("\"A\"", "1", "1") + padding + " ");
        assertEquals(DeadLetterReason.TOO_LARGE, over.reason());
        assertEquals("record value is 65537 bytes; the limit is 65536", over.detail());
        assertEquals(DeadLetterReason.TOO_LARGE, MS.read(null, new byte[900_000]).reason());
        assertEquals(DeadLetterReason.BAD_KEY, MS.read(new byte[257], utf8(tick("\"A\"", "1", "1"))).reason());
        assertEquals(DeadLetterReason.MALFORMED_JSON, MS.read(utf8("A"), null).reason());
    }

    @Test
    void symbolsAndKeysAreLimitedInUtf8Bytes() {
        String max = "\u00e9".repeat(Limits.SYMBOL_BYTES / 2); // two bytes each
        assertTrue(read(max, tick("\"" + max + "\"", "1", "1")).ok());
        String over = max + "a";
        assertEquals(DeadLetterReason.BAD_SYMBOL, read(null, tick("\"" + over + "\"", "1", "1")).reason());
        assertEquals(DeadLetterReason.BAD_KEY, read(over, tick("\"" + over + "\"", "1", "1")).reason());
    }

    @Test
    void invalidKeyBytesAreRefusedNeverReplaced() {
        for (byte[] key : new byte[][] {{'X', (byte) 0xff}, {'X', (byte) 0xfe}, {'X', (byte) 0xc0, (byte) 0xaf},
                {'X', (byte) 0xed, (byte) 0xa0, (byte) 0x80}, {'X', (byte) 0xe2, (byte) 0x82}}) {
            TickParser.Result r = MS.read(key, utf8(tick("\"X\\ufffd\"", "1", "1")));
            assertEquals(DeadLetterReason.BAD_KEY, r.reason(), r.detail());
            assertNull(TickIntake.validKey(key));
        }
        assertEquals("X\ufffd", TickIntake.validKey(utf8("X\ufffd")));
    }

    /** Whatever the string, an accepted symbol's UTF-8 bytes decode to it: two accepted symbols never share bytes. */
    @Test
    void anAcceptedSymbolRoundTripsThroughUtf8() {
        SplittableRandom rng = new SplittableRandom(17);
        char[] pieces = {'a', '?', '\ufffd', '\ud800', '\udc00', '\ud83d', '\ude00', '\u0000', '\u00e9', '/', '%', '+'};
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = 1 + rng.nextInt(6); n > 0; n--) {
                b.append(pieces[rng.nextInt(pieces.length)]);
            }
            String s = b.toString();
            if (Symbols.problem(s) == null) {
                accepted++;
                assertEquals(s, new String(utf8(s), StandardCharsets.UTF_8));
                assertEquals(utf8(s).length, Utf8.length(s));
            }
        }
        assertTrue(accepted > 1000 && accepted < 19_000, "accepted " + accepted);
    }

    @Test
    void theUnitTurnsNumericTimestampsIntoMilliseconds() {
        String seconds = tick("\"A\"", "1700000000", "1");
        assertEquals(1_700_000_000_000L, new TickIntake(TimestampUnit.S).read(null, utf8(seconds)).tick().ts());
        assertEquals(1_700_000_000_000L, new TickIntake(TimestampUnit.US).read(null,
                utf8(tick("\"A\"", "1700000000000999", "1"))).tick().ts());
        assertEquals(1_700_000_000_000L, new TickIntake(TimestampUnit.NS).read(null,
                utf8(tick("\"A\"", "\"1700000000000999999\"", "1"))).tick().ts());
        assertEquals(1_700_000_000L, new TickIntake(TimestampUnit.MS_UNCHECKED).read(null, utf8(seconds)).tick().ts());
        // An ISO string carries its own time, whatever the unit.
        assertEquals(1_699_920_000_000L, new TickIntake(TimestampUnit.S).read(null,
                utf8(tick("\"A\"", "\"2023-11-14\"", "1"))).tick().ts());
    }
}
