package io.tickcast.serde;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streaming {@link TickParser} gives the same result (tick, reason and detail) as the tree-based
 * {@link TickParserReference} it replaced, on hand-picked edge cases and on generated ticks, valid and
 * broken, with random byte-level mutations.
 */
class TickParserEquivalenceTest {

    private static final String[] KEYS = {null, "DAX", "SMI", "D\u00e9X"};

    private static void assertSame(String key, byte[] value) {
        TickParser.Result expected = TickParserReference.parse(key, value);
        TickParser.Result actual = TickParser.parse(key, value);
        assertEquals(expected, actual, () -> "key " + key + ", value "
                + (value == null ? "null" : new String(value, StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "\n\t", "null", "true", "5", "5 x", "5x", "-", "\"abc\"", "\"\\u00e9\\n\"", "[]", "[1,2]", "[1,2",
            "{}", "{", "}", "{\"a\":1} trailing garbage", "{\"a\":1}{", "{\"a\":1},",
            "\ufeff{\"symbol\":\"DAX\",\"ts\":1,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"symbol\":\"SMI\"}",
            "{\"symbol\":\"SMI\",\"ts\":1,\"value\":1,\"symbol\":\"DAX\"}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"value\":null}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":null,\"value\":2}",
            "{\"symbol\":{\"a\":[1,{\"b\":null}]},\"ts\":1,\"value\":1,\"symbol\":\"DAX\"}",
            "{\"symbol\":\"DAX\",\"ts\":[1,2],\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":{},\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":[1.5]}",
            "{\"symbol\":[],\"ts\":1,\"value\":1}",
            "{\"symbol\":\"\",\"ts\":1,\"value\":1}",
            "{\"symbol\":1e999,\"ts\":1,\"value\":1}",
            "{\"symbol\":1.50,\"ts\":1,\"value\":1}",
            "{\"symbol\":false,\"ts\":1,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":\"1.5\"}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":true}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1e999}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":-1e999}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":-0.0}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":-0}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":4.9e-325}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":123456789012345678901234567890}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":NaN}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":Infinity}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":01}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1.}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":.5}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":+1}",
            "{\"symbol\":\"DAX\",\"ts\":1.0,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":-1,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":9223372036854775807,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":9223372036854775808,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":-9223372036854775809,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":\"678326400000\",\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":\"99999999999999999999\",\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":\" 1991-07-01 \",\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":\"1991-07-01T02:00:00+02:00\",\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":\"1991-07-01T00:00:00.123Z\",\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":\"-\",\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":\"\",\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":true,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":null,\"value\":1}",
            "{\"symbol\":\"D\\u00e9X\",\"ts\":1,\"value\":1}",
            "{\"symbol\":\"D\u00e9X\",\"ts\":1,\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"note\":\"caf\u00e9 \u2028 \ud83d\ude00\"}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":\"\u00e9}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":[1,{\"y\":\u00e9}]}",
            "{\"symbol\":\"DAX\",\"ts\":[1,\u00e9],\"value\":1}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":[1,2",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":{\"y\":[",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":{1:2}}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":{\"a\" 2}}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":\"a\tb\"}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":\"\\q\"}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":\"\\u12\"}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":nul}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":tru}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":1e}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1 \"x\":2}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,'x':2}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,x:2}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\u00e9:2}",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1} // comment",
            "{\"symbol\":\"DAX\" /* c */,\"ts\":1,\"value\":1}",
    })
    void edgeCasesGiveTheSameResult(String json) {
        for (String key : KEYS) {
            assertSame(key, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void nonUtf8AndTombstonesGiveTheSameResult() {
        byte[][] values = {
                null, {}, {(byte) 0xff, (byte) 0xfe}, {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'},
                {'"', (byte) 0xc0, (byte) 0xaf, '"'},                     // overlong '/'
                {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},        // encoded surrogate
                {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
                {'{', '"', 'a', '"', ':', '"', (byte) 0xc3},              // truncated sequence
        };
        for (byte[] value : values) {
            assertSame("DAX", value);
        }
    }

    @Test
    void deeplyNestedUnknownFieldsGiveTheSameResult() {
        for (int depth : new int[] {10, 499, 500, 501, 999, 1000, 1001, 2000}) {
            String nested = "[".repeat(depth) + "]".repeat(depth);
            assertSame("DAX", ("{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":" + nested + "}")
                    .getBytes(StandardCharsets.UTF_8));
            assertSame("DAX", ("{\"symbol\":\"DAX\",\"ts\":" + nested + ",\"value\":1}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void longNumbersAndNamesGiveTheSameResult() {
        for (int n : new int[] {18, 19, 20, 400, 999, 1000, 1001, 1100}) {
            String digits = "9".repeat(n);
            for (String field : new String[] {"ts", "value", "x"}) {
                String json = "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"" + field + "\":" + digits + "}";
                assertSame("DAX", json.getBytes(StandardCharsets.UTF_8));
                json = "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"" + field + "\":0." + digits + "e-5}";
                assertSame("DAX", json.getBytes(StandardCharsets.UTF_8));
            }
        }
        for (int n : new int[] {49_999, 50_000, 50_001}) {
            String json = "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"" + "n".repeat(n) + "\":1}";
            assertSame("DAX", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code readTree} reads every string, so an over-long one fails the parse even in an unknown field. */
    @Test
    void overLongStringsGiveTheSameResult() {
        int limit = Json.mapper().getFactory().streamReadConstraints().getMaxStringLength();
        String tooLong = "a".repeat(limit + 1);
        assertSame("DAX", ("{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":\"" + tooLong + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertSame("DAX", ("{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":[{\"y\":\"" + tooLong + "\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void generatedAndMutatedTicksGiveTheSameResult() {
        SplittableRandom rng = new SplittableRandom(20240611);
        for (int i = 0; i < 10_000; i++) {
            byte[] json = tick(rng).getBytes(StandardCharsets.UTF_8);
            String key = rng.nextBoolean() ? "DAX" : KEYS[rng.nextInt(KEYS.length)];
            assertSame(key, json);
            assertSame(key, mutate(rng, json));
        }
    }

    // ---- generators ----

    private static String tick(SplittableRandom rng) {
        List<String> fields = new ArrayList<>();
        if (rng.nextInt(20) > 0) {
            fields.add(field("symbol", symbol(rng), rng));
        }
        if (rng.nextInt(20) > 0) {
            fields.add(field("ts", ts(rng), rng));
        }
        if (rng.nextInt(20) > 0) {
            fields.add(field("value", value(rng), rng));
        }
        for (int extra = rng.nextInt(4); extra > 0; extra--) {
            String[] names = {"volume", "note", "symbol", "ts", "value", "nested", "nested", "nested", "Symbol",
                    "sym\\u0062ol"};
            String name = names[rng.nextInt(names.length)];
            fields.add(rng.nextInt(fields.size() + 1), field(name, anyValue(rng, 3), rng));
        }
        String body = String.join("," + ws(rng), fields);
        String json = ws(rng) + "{" + ws(rng) + body + ws(rng) + "}" + ws(rng);
        return rng.nextInt(30) == 0 ? json + anyValue(rng, 1) : json;
    }

    private static String field(String name, String value, SplittableRandom rng) {
        return "\"" + name + "\"" + ws(rng) + ":" + ws(rng) + value;
    }

    private static String ws(SplittableRandom rng) {
        String[] ws = {"", "", "", " ", "\n", "\t ", "\r\n"};
        return ws[rng.nextInt(ws.length)];
    }

    private static String symbol(SplittableRandom rng) {
        return switch (rng.nextInt(10)) {
            case 0 -> anyValue(rng, 2);
            case 1 -> "\"\"";
            case 2 -> "\"D\\u00e9X\"";
            case 3 -> "\"D\u00e9X\"";
            case 4 -> "\"SMI\"";
            case 5 -> "\"" + text(rng, 30) + "\"";
            default -> "\"DAX\"";
        };
    }

    private static String ts(SplittableRandom rng) {
        String[] forms = {"\"1991-07-01\"", "\"1991-07-01T09:30:00\"", "\"1991-07-01T09:30:00Z\"",
                "\"1991-07-01T09:30:00.5+02:00\"", "\"1991-13-45\"", "\"soon\"", "\"12345\"", "\"-5\"",
                "\"99999999999999999999\"", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                "1e3", "1.0", "-0", "true", "null", "[]", "{\"a\":1}"};
        return rng.nextBoolean() ? Long.toString(rng.nextLong(-1L << 45, 1L << 45)) : forms[rng.nextInt(forms.length)];
    }

    private static String value(SplittableRandom rng) {
        String[] forms = {"1e999", "-1e999", "1e-999", "-0.0", "-0", "0", "4.9e-324", "2.5e-324",
                "1.7976931348623157e308", "1.7976931348623159e308", "123456789012345678901234567890",
                "-9".repeat(1) + "9".repeat(400), "\"1.5\"", "true", "null", "[1]", "{}", "NaN", "01", "1.", "-"};
        return switch (rng.nextInt(4)) {
            case 0 -> forms[rng.nextInt(forms.length)];
            case 1 -> Long.toString(rng.nextLong());
            default -> Double.toString(Double.longBitsToDouble(rng.nextLong()));
        };
    }

    private static String anyValue(SplittableRandom rng, int depth) {
        int kind = rng.nextInt(depth > 0 ? 11 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> rng.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(rng.nextLong());
            case 3 -> Double.toString(rng.nextDouble() * 1e6 - 5e5);
            case 4, 5 -> "\"" + text(rng, 12) + "\"";
            case 6 -> value(rng);
            case 7, 8 -> {
                List<String> items = new ArrayList<>();
                for (int n = rng.nextInt(4); n > 0; n--) {
                    items.add(anyValue(rng, depth - 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            default -> {
                List<String> items = new ArrayList<>();
                for (int n = rng.nextInt(4); n > 0; n--) {
                    items.add("\"" + text(rng, 5) + "\":" + anyValue(rng, depth - 1));
                }
                yield "{" + String.join(",", items) + "}";
            }
        };
    }

    /** String content: letters, escapes, non-ASCII and the odd raw control character. */
    private static String text(SplittableRandom rng, int maxLength) {
        String[] pieces = {"a", "Z", "0", " ", "\\\"", "\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00", "\\ud800",
                "\u00e9", "\u4e2d", "\ud83d\ude00", "\u2028", "\t", "\u0001", "\\x", "/", "'"};
        StringBuilder b = new StringBuilder();
        for (int n = rng.nextInt(maxLength + 1); n > 0; n--) {
            b.append(pieces[rng.nextInt(rng.nextInt(10) == 0 ? pieces.length : 10)]);
        }
        return b.toString();
    }

    /** One to three edits: truncate, delete, insert or replace a byte, or repeat a slice. */
    private static byte[] mutate(SplittableRandom rng, byte[] json) {
        byte[] out = json;
        byte[] alphabet = "{}[]:,\"\\ 0123456789.eE+-tfnulxa\n".getBytes(StandardCharsets.US_ASCII);
        for (int edits = 1 + rng.nextInt(3); edits > 0 && out.length > 0; edits--) {
            int at = rng.nextInt(out.length);
            byte b = rng.nextInt(8) == 0 ? (byte) rng.nextInt(256) : alphabet[rng.nextInt(alphabet.length)];
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            switch (rng.nextInt(5)) {
                case 0 -> next.write(out, 0, at);
                case 1 -> {
                    next.write(out, 0, at);
                    next.write(out, at + 1, out.length - at - 1);
                }
                case 2 -> {
                    next.write(out, 0, at);
                    next.write(b);
                    next.write(out, at, out.length - at);
                }
                case 3 -> {
                    next.write(out, 0, at);
                    next.write(b);
                    next.write(out, at + 1, out.length - at - 1);
                }
                default -> {
                    int len = rng.nextInt(out.length - at) + 1;
                    next.write(out, 0, at + len);
                    next.write(out, at, out.length - at);
                }
            }
            out = next.toByteArray();
        }
        return out;
    }
}
