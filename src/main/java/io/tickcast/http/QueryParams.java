package io.tickcast.http;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A request's query string as name → value, and back. */
final class QueryParams {

    private QueryParams() {
    }

    /**
     * Decodes {@code a=1&b=x%20y} ({@code +} is a space); a name without {@code =} has the value "". A repeated name,
     * a name not in {@code allowed} or a malformed escape is an {@code IllegalArgumentException} saying which.
     *
     * @param raw the raw (still encoded) query, or null for none
     */
    static Map<String, String> parse(String raw, Collection<String> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' (expected "
                        + String.join(", ", allowed) + ")");
            }
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' is given twice");
            }
        }
        return out;
    }

    /** {@code a=1&b=x%20y}. */
    static String format(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> UriCodec.encode(e.getKey()) + "=" + UriCodec.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String decode(String s) {
        try {
            return UriCodec.decodeQueryComponent(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed query string: " + e.getMessage());
        }
    }
}
