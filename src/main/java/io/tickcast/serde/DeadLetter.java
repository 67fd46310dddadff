package io.tickcast.serde;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A tick the topology could not accept, with the reason ({@code schemas/dead-letter.schema.json}). Bounded whatever
 * the input ({@link Limits#DEAD_LETTER_MAX_BYTES}): the key and value keep at most {@link Limits#SYMBOL_BYTES} and
 * {@link Limits#DEAD_LETTER_VALUE_BYTES} bytes, and when they are cut they carry their length and SHA-256, so that
 * the original can still be found and matched.
 *
 * @param reason      one of {@link DeadLetterReason}, lower case
 * @param detail      a human-readable explanation (at most {@link Limits#DETAIL_CHARS} characters)
 * @param topic       the source topic
 * @param partition   the source partition
 * @param offset      the source offset
 * @param key         the record key as UTF-8 (its first bytes when cut), null if absent or not UTF-8
 * @param value       the record value as UTF-8 text (its first bytes when cut), null if absent or not UTF-8
 * @param valueBase64 the record value (its first bytes when cut) in base64 when it is not UTF-8
 * @param keyBase64   the record key (its first bytes when cut) in base64 when it is not UTF-8
 * @param keyBytes    the key's length in bytes, when it was cut
 * @param keySha256   the key's SHA-256 in hex, when it was cut
 * @param valueBytes  the value's length in bytes, when it was cut
 * @param valueSha256 the value's SHA-256 in hex, when it was cut
 */
public record DeadLetter(String reason, String detail, String topic, int partition, long offset, String key,
                         String value, String valueBase64, String keyBase64, Integer keyBytes, String keySha256,
                         Integer valueBytes, String valueSha256) implements Output {

    /** A dead letter of a record's raw key and value (either may be null), each kept up to its bound. */
    public static DeadLetter of(DeadLetterReason reason, String detail, String topic, int partition, long offset,
                                byte[] rawKey, byte[] rawValue) {
        Kept k = Kept.of(rawKey, Limits.SYMBOL_BYTES);
        Kept v = Kept.of(rawValue, Limits.DEAD_LETTER_VALUE_BYTES);
        return new DeadLetter(reason.code(), detail(detail), topic, partition, offset, k.text, v.text, v.base64,
                k.base64, k.length, k.sha256, v.length, v.sha256);
    }

    /**
     * The detail as it is written: at most {@link Limits#DETAIL_CHARS} characters, an unpaired surrogate (which
     * UTF-8 cannot carry) replaced by U+FFFD.
     */
    static String detail(String detail) {
        String d = detail == null || detail.isBlank() ? "(no detail)" : detail;
        StringBuilder b = new StringBuilder(Math.min(d.length(), Limits.DETAIL_CHARS));
        int end = Math.min(d.length(), Limits.DETAIL_CHARS);
        for (int i = 0; i < end; i++) {
            char c = d.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(d.charAt(i + 1))) {
                b.append(c).append(d.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        if (end < d.length()) {
            String more = "… (" + d.length() + " characters)";
            b.setLength(Math.max(0, Limits.DETAIL_CHARS - more.length()));
            if (b.length() > 0 && Character.isHighSurrogate(b.charAt(b.length() - 1))) {
                b.setLength(b.length() - 1);
            }
            b.append(more);
        }
        return b.toString();
    }

    /** What a dead letter keeps of raw bytes: text or base64 of a prefix, and the whole's length and hash when cut. */
    private record Kept(String text, String base64, Integer length, String sha256) {
        static Kept of(byte[] raw, int limit) {
            if (raw == null) {
                return new Kept(null, null, null, null);
            }
            boolean cut = raw.length > limit;
            byte[] head = raw;
            if (cut) {
                int end = limit;
                // Cut at a character boundary when the bytes are UTF-8: back off over continuation bytes (10xxxxxx).
                while (end > 0 && end > limit - 4 && (raw[end] & 0xC0) == 0x80) {
                    end--;
                }
                head = Arrays.copyOf(raw, end);
            }
            String text = Utf8.decode(head);
            if (text == null && cut) {
                head = Arrays.copyOf(raw, limit);
            }
            return new Kept(text, text == null ? Base64.getEncoder().encodeToString(head) : null,
                    cut ? raw.length : null, cut ? DeadLetter.sha256(raw) : null);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
