package io.tickcast.serde;

/**
 * What a symbol may be. A symbol names a state in the stores, a record key, a metric label and a path of the HTTP
 * API, so it must be one sequence of bytes everywhere: it must survive a round trip through UTF-8 unchanged (no
 * unpaired surrogate, which UTF-8 cannot carry and Kafka's string serializer writes as {@code ?} — making
 * {@code "X\ud800"} the same key as {@code "X?"}), must hold no control character, and must be at most
 * {@link Limits#SYMBOL_BYTES} bytes long. Two different accepted symbols therefore always have different bytes, so
 * they never share a state.
 */
public final class Symbols {

    private Symbols() {
    }

    /** Why the symbol is refused, or null when it is a valid symbol. */
    public static String problem(String symbol) {
        if (symbol.isEmpty()) {
            return "the symbol is empty";
        }
        long bytes = Utf8.length(symbol);
        if (bytes > Limits.SYMBOL_BYTES) {
            return "symbol " + Limits.quote(symbol) + " is " + bytes + " bytes of UTF-8; the limit is "
                    + Limits.SYMBOL_BYTES;
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < symbol.length() && Character.isLowSurrogate(symbol.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "symbol " + Limits.quote(symbol) + " holds an unpaired surrogate (\\u"
                        + String.format("%04x", (int) c) + " at " + i + "), which UTF-8 cannot carry";
            } else if (Character.isISOControl(c)) {
                return "symbol " + Limits.quote(symbol) + " holds a control character (\\u"
                        + String.format("%04x", (int) c) + " at " + i + ")";
            }
        }
        return null;
    }
}
