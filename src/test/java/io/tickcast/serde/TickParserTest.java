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
}
