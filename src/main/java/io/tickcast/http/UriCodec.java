package io.tickcast.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of one path segment or one query component, so that any string (a symbol with {@code /},
 * {@code +}, {@code %}, a space or any Unicode character) survives a trip through a URL unchanged.
 *
 * <p>Why not {@link URLDecoder} alone: it decodes {@code application/x-www-form-urlencoded}, where {@code +} is a
 * space. That holds in a query string only; in a path {@code +} is a plus, so {@code /symbols/B+c} names "B+c".
 */
final class UriCodec {

    private UriCodec() {
    }

    /**
     * Decodes a raw path segment: {@code %XX} escapes as UTF-8 bytes, every other character (a {@code +} too) as
     * itself.
     *
     * @throws IllegalArgumentException on a malformed escape such as {@code %zz} or a trailing {@code %}
     */
    static String decodeSegment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * Decodes a raw query component ({@code +} is a space).
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    static String decodeQueryComponent(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    /**
     * Encodes every character but ASCII letters, digits and {@code - _ . *}, as UTF-8 escapes; a space is
     * {@code %20}, never {@code +}, so the result is right both as a path segment and as a query component. A
     * segment that is only dots is escaped whole, since {@code .} and {@code ..} would be read as the current and
     * the parent directory.
     */
    static String encode(String s) {
        String out = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        return out.equals(".") || out.equals("..") ? out.replace(".", "%2E") : out;
    }
}
