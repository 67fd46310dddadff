package io.tickcast.http;

import java.util.List;
import java.util.Optional;

/**
 * A symbol endpoint's path, {@code /symbols/{symbol}} or {@code /symbols/{symbol}/{view}}, read from the raw (still
 * encoded) request path and written back as one, so that a request forwarded to another instance names the same
 * symbol whatever it holds ({@code /}, {@code +}, {@code %}, a space, any Unicode character).
 *
 * @param symbol the symbol, decoded
 * @param view   "" for the summary, else one of {@link #VIEWS}
 */
record SymbolPath(String symbol, String view) {

    /** The views after the symbol; "" is the summary. */
    static final List<String> VIEWS = List.of("", "model", "impulse", "history");

    SymbolPath {
        if (symbol.isEmpty() || !VIEWS.contains(view)) {
            throw new IllegalArgumentException("no such symbol endpoint: '" + symbol + "', '" + view + "'");
        }
    }

    /**
     * Reads {@code /symbols/{symbol}[/{view}]}; leading and trailing slashes are ignored.
     *
     * @return empty for a path that names no symbol endpoint (a 404)
     * @throws IllegalArgumentException for a malformed escape in the symbol such as {@code %zz} (a 400)
     */
    static Optional<SymbolPath> parse(String rawPath) {
        String[] parts = rawPath.replaceAll("^/+|/+$", "").split("/");
        if (parts.length < 2 || parts.length > 3 || !parts[0].equals("symbols") || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String view = parts.length > 2 ? parts[2] : "";
        if (!VIEWS.contains(view)) {
            return Optional.empty();
        }
        return Optional.of(new SymbolPath(UriCodec.decodeSegment(parts[1]), view));
    }

    /** The raw path, each segment percent-encoded: {@code parse(p.rawPath())} equals {@code p}. */
    String rawPath() {
        String path = "/symbols/" + UriCodec.encode(symbol);
        return view.isEmpty() ? path : path + "/" + view;
    }
}
