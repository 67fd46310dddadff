package io.tickcast.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a symbol endpoint's raw path, and writing one for a forwarded request that reads back the same. */
class SymbolPathTest {

    @Test
    void aPlusInAPathIsAPlus() {
        assertEquals(new SymbolPath("B+c", ""), SymbolPath.parse("/symbols/B+c").orElseThrow());
        assertEquals(new SymbolPath("B+c", ""), SymbolPath.parse("/symbols/B%2Bc").orElseThrow());
        assertEquals(new SymbolPath("B c", "model"), SymbolPath.parse("/symbols/B%20c/model").orElseThrow());
        assertEquals(new SymbolPath("a/b", "history"), SymbolPath.parse("/symbols/a%2Fb/history/").orElseThrow());
        assertEquals(new SymbolPath("é", "impulse"), SymbolPath.parse("/symbols/%C3%A9/impulse").orElseThrow());
    }

    @Test
    void theWrittenPathEscapesWhatAPathCannotHold() {
        assertEquals("/symbols/B%2Bc", new SymbolPath("B+c", "").rawPath());
        assertEquals("/symbols/B%20c/model", new SymbolPath("B c", "model").rawPath());
        assertEquals("/symbols/a%2Fb%25/history", new SymbolPath("a/b%", "history").rawPath());
        assertEquals("/symbols/%2E%2E", new SymbolPath("..", "").rawPath());
        assertEquals("/symbols/%CE%A9", new SymbolPath("Ω", "").rawPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/symbols/%zz", "/symbols/%", "/symbols/A%2", "/symbols/%zz/model"})
    void aMalformedEscapeIsRefused(String path) {
        assertThrows(IllegalArgumentException.class, () -> SymbolPath.parse(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/symbols", "/symbols/", "/symbols//model", "/symbols/A/nope", "/symbols/A/model/x", "/other/A"})
    void otherPathsNameNoSymbolEndpoint(String path) {
        assertEquals(Optional.empty(), SymbolPath.parse(path));
    }

    /** Seeded random strings over ASCII, Latin, Greek, CJK and astral code points: each reads back as written. */
    @Test
    void everySymbolRoundTrips() {
        Random random = new Random(20);
        int[][] ranges = {{0x20, 0x7e}, {0xa0, 0x17f}, {0x391, 0x3c9}, {0x4e00, 0x4fff}, {0x1f300, 0x1f5ff}};
        for (int n = 0; n < 2000; n++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                int[] range = ranges[random.nextInt(ranges.length)];
                s.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
            }
            String symbol = s.toString();
            for (String view : SymbolPath.VIEWS) {
                SymbolPath p = new SymbolPath(symbol, view);
                String raw = p.rawPath();
                assertTrue(raw.chars().allMatch(c -> c > 0x20 && c < 0x7f), raw);
                assertEquals(p, SymbolPath.parse(raw).orElseThrow(), raw);
            }
        }
    }
}
