package io.tickcast.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryParamsTest {

    private static final List<String> ALLOWED = List.of("q", "limit", "local");

    @Test
    void decodesEscapesAndPlusSigns() {
        assertEquals(Map.of("q", "a b&c", "limit", "5"), QueryParams.parse("q=a+b%26c&limit=5", ALLOWED));
        assertEquals(Map.of("q", ""), QueryParams.parse("q", ALLOWED));
        assertEquals(Map.of(), QueryParams.parse(null, ALLOWED));
        assertEquals(Map.of(), QueryParams.parse("&", ALLOWED));
    }

    @Test
    void formatIsTheInverseOfParse() {
        Map<String, String> params = Map.of("q", "DAX & co/é", "limit", "7");
        assertEquals(params, QueryParams.parse(QueryParams.format(params), ALLOWED));
    }

    @Test
    void unknownRepeatedAndMalformedParametersAreRefused() {
        assertMessage("nope=1", "unknown parameter 'nope' (expected q, limit, local)");
        assertMessage("q=a&q=b", "parameter 'q' is given twice");
        assertMessage("q=%zz", "malformed query string");
    }

    private static void assertMessage(String raw, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryParams.parse(raw, ALLOWED));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
