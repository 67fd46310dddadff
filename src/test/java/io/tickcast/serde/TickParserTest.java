package io.tickcast.serde;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickParserTest {

    private static TickParser.Result parse(String key, String json) {
        return TickParser.parse(key, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void epochMillisAndIsoFormsGiveTheSameInstant() {
        long expected = 678_326_400_000L; // 1991-07-01T00:00Z
        assertEquals(expected, parse("DAX", "{\"symbol\":\"DAX\",\"ts\":678326400000,\"value\":1}").tick().ts());
        assertEquals(expected, parse("DAX", "{\"symbol\":\"DAX\",\"ts\":\"1991-07-01\",\"value\":1}").tick().ts());
        assertEquals(expected, parse("DAX", "{\"symbol\":\"DAX\",\"ts\":\"1991-07-01T00:00:00\",\"value\":1}").tick().ts());
        assertEquals(expected, parse("DAX", "{\"symbol\":\"DAX\",\"ts\":\"1991-07-01T02:00:00+02:00\",\"value\":1}").tick().ts());
        assertEquals(expected, parse("DAX", "{\"symbol\":\"DAX\",\"ts\":\"1991-07-01T00:00:00Z\",\"value\":1}").tick().ts());
    }

    @Test
    void unknownFieldsAreIgnoredAndAMissingKeyIsTakenFromTheSymbol() {
        TickParser.Result r = parse(null, "{\"symbol\":\"SMI\",\"ts\":5,\"value\":2.5,\"volume\":100}");
        assertTrue(r.ok());
        assertEquals(new Tick("SMI", 5, 2.5), r.tick());
        assertNull(r.reason());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "not json at all                                  | MALFORMED_JSON",
            "[1,2,3]                                          | MALFORMED_JSON",
            "{\"symbol\":\"DAX\",\"ts\":1}                     | MISSING_FIELD",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":null}      | MISSING_FIELD",
            "{\"ts\":1,\"value\":1}                            | MISSING_FIELD",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":\"1.5\"}   | WRONG_TYPE",
            "{\"symbol\":7,\"ts\":1,\"value\":1.5}             | WRONG_TYPE",
            "{\"symbol\":\"DAX\",\"ts\":true,\"value\":1.5}    | WRONG_TYPE",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1e999}     | NON_FINITE",
            "{\"symbol\":\"DAX\",\"ts\":\"soon\",\"value\":1}  | BAD_TIMESTAMP",
            "{\"symbol\":\"DAX\",\"ts\":\"1991-13-45\",\"value\":1} | BAD_TIMESTAMP",
            "{\"symbol\":\"CAC\",\"ts\":1,\"value\":1}         | KEY_MISMATCH",
    })
    void badTicksGetAReasonAndADetail(String json, DeadLetterReason reason) {
        TickParser.Result r = parse("DAX", json.trim());
        assertEquals(reason, r.reason(), r.detail());
        assertTrue(r.detail() != null && !r.detail().isBlank());
    }

    @Test
    void nonUtf8AndTombstonesAreMalformed() {
        assertEquals(DeadLetterReason.MALFORMED_JSON, TickParser.parse("k", new byte[] {(byte) 0xff, (byte) 0xfe}).reason());
        assertEquals(DeadLetterReason.MALFORMED_JSON, TickParser.parse("k", null).reason());
    }

    @Test
    void nanIsNotJsonSoItIsMalformed() {
        assertEquals(DeadLetterReason.MALFORMED_JSON, parse("DAX", "{\"symbol\":\"DAX\",\"ts\":1,\"value\":NaN}").reason());
    }

    /** Behaviour the tree-based parser had and the streaming one keeps (see {@link TickParserEquivalenceTest}). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"symbol\":\"SMI\",\"ts\":1,\"value\":1,\"symbol\":\"DAX\"}     | ",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1} and then garbage | ",
            "{\"x\":{\"symbol\":7,\"y\":[1,{}]},\"symbol\":\"DAX\",\"ts\":1,\"value\":1} | ",
            "``                         | MALFORMED_JSON: expected a JSON object, got missing",
            "null                       | MALFORMED_JSON: expected a JSON object, got null null",
            "`\"DAX\"`                  | MALFORMED_JSON: expected a JSON object, got string \"DAX\"",
            "[{\"symbol\":\"DAX\"}]       | MALFORMED_JSON: expected a JSON object, got array",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1,\"x\":[} | MALFORMED_JSON: not JSON: Unexpected close marker '}': "
                    + "expected ']' (for Array starting at [Source: REDACTED "
                    + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 38])",
            "{\"symbol\":\"DAX\",\"ts\":99999999999999999999,\"value\":1} "
                    + "| BAD_TIMESTAMP: field 'ts' overflows epoch milliseconds",
            "{\"symbol\":\"DAX\",\"ts\":1.0,\"value\":1} | WRONG_TYPE: field 'ts' must be epoch milliseconds or an ISO-8601 "
                    + "string, got number 1.0",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":\"1.5\"} "
                    + "| WRONG_TYPE: field 'value' must be a number, got string \"1.5\"",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":{}} | WRONG_TYPE: field 'value' must be a number, got object",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":-1e999} | NON_FINITE: field 'value' is not finite: -Infinity",
            "{\"symbol\":1e999,\"ts\":1,\"value\":1} | WRONG_TYPE: field 'symbol' must be a non-empty string, got number "
                    + "\"Infinity\"",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":null,\"value\":2} | ",
            "{\"symbol\":\"DAX\",\"ts\":1,\"value\":2,\"value\":null} | MISSING_FIELD: field 'value' is missing",
    })
    void edgeCasesKeepTheirOutcome(String json, String expected) {
        TickParser.Result r = parse("DAX", json);
        assertEquals(expected == null ? "ok" : expected, r.ok() ? "ok" : r.reason() + ": " + r.detail());
    }

    @Test
    void aByteOrderMarkIsNotJson() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] json = "{\"symbol\":\"DAX\",\"ts\":1,\"value\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, value, 0, bom.length);
        System.arraycopy(json, 0, value, bom.length, json.length);
        assertEquals(DeadLetterReason.MALFORMED_JSON, TickParser.parse("DAX", value).reason());
    }
}
