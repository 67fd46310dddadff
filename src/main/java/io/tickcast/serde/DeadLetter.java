package io.tickcast.serde;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A tick the topology could not accept, with the reason ({@code schemas/dead-letter.schema.json}).
 *
 * @param reason      one of {@link DeadLetterReason}, lower case
 * @param detail      a human-readable explanation
 * @param topic       the source topic
 * @param partition   the source partition
 * @param offset      the source offset
 * @param key         the record key as UTF-8, null if absent
 * @param value       the record value as UTF-8 text, null if absent or not UTF-8
 * @param valueBase64 the record value in base64 when it is not valid UTF-8
 */
public record DeadLetter(String reason, String detail, String topic, int partition, long offset, String key,
                         String value, String valueBase64) implements Output {

    public static DeadLetter of(DeadLetterReason reason, String detail, String topic, int partition, long offset,
                                String key, byte[] raw) {
        String text = null;
        String b64 = null;
        if (raw != null) {
            String decoded = new String(raw, StandardCharsets.UTF_8);
            if (java.util.Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), raw)) {
                text = decoded;
            } else {
                b64 = Base64.getEncoder().encodeToString(raw);
            }
        }
        return new DeadLetter(reason.code(), detail, topic, partition, offset, key, text, b64);
    }
}
