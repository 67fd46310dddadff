package io.tickcast.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Turns a raw tick record into a {@link Tick} or a precise reason why not. Never throws on bad input:
 * the stream routes every failure to the dead-letter topic.
 *
 * <p>Accepted: a JSON object with {@code symbol} (non-empty string), {@code ts} (integral epoch
 * milliseconds, or an ISO-8601 date, local date-time (UTC) or offset date-time string) and
 * {@code value} (a finite JSON number). Unknown fields are ignored. A missing record key is taken
 * from {@code symbol}; a present key must equal it.
 */
public final class TickParser {

    /** A parse outcome: exactly one of {@code tick} and {@code reason} is non-null. */
    public record Result(Tick tick, DeadLetterReason reason, String detail) {
        static Result ok(Tick tick) {
            return new Result(tick, null, null);
        }

        static Result bad(DeadLetterReason reason, String detail) {
            return new Result(null, reason, detail);
        }

        public boolean ok() {
            return tick != null;
        }
    }

    private static final ObjectMapper MAPPER = Json.mapper();

    private TickParser() {
    }

    /**
     * @param key   the record key (may be null)
     * @param value the record value bytes (may be null)
     */
    public static Result parse(String key, byte[] value) {
        if (value == null) {
            return Result.bad(DeadLetterReason.MALFORMED_JSON, "record value is null (tombstone)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return Result.bad(DeadLetterReason.MALFORMED_JSON, "record value is not UTF-8");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return Result.bad(DeadLetterReason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return Result.bad(DeadLetterReason.MALFORMED_JSON,
                    "expected a JSON object, got " + (node == null ? "nothing" : typeName(node)));
        }
        return parseObject(key, node);
    }

    /** Parses an already-read JSON object. */
    public static Result parseObject(String key, JsonNode node) {
        JsonNode symbolNode = node.get("symbol");
        JsonNode tsNode = node.get("ts");
        JsonNode valueNode = node.get("value");
        for (String field : new String[] {"symbol", "ts", "value"}) {
            JsonNode f = node.get(field);
            if (f == null || f.isNull()) {
                return Result.bad(DeadLetterReason.MISSING_FIELD, "field '" + field + "' is missing");
            }
        }
        if (!symbolNode.isTextual() || symbolNode.asText().isEmpty()) {
            return Result.bad(DeadLetterReason.WRONG_TYPE,
                    "field 'symbol' must be a non-empty string, got " + typeName(symbolNode));
        }
        String symbol = symbolNode.asText();
        if (key != null && !key.equals(symbol)) {
            return Result.bad(DeadLetterReason.KEY_MISMATCH,
                    "record key '" + key + "' differs from symbol '" + symbol + "'");
        }
        if (!valueNode.isNumber()) {
            return Result.bad(DeadLetterReason.WRONG_TYPE,
                    "field 'value' must be a number, got " + typeName(valueNode));
        }
        double value = valueNode.doubleValue();
        if (!Double.isFinite(value)) {
            return Result.bad(DeadLetterReason.NON_FINITE, "field 'value' is not finite: " + valueNode.asText());
        }
        long ts;
        if (tsNode.isIntegralNumber()) {
            if (!tsNode.canConvertToLong()) {
                return Result.bad(DeadLetterReason.BAD_TIMESTAMP, "field 'ts' overflows epoch milliseconds");
            }
            ts = tsNode.longValue();
        } else if (tsNode.isTextual()) {
            try {
                ts = parseTimestamp(tsNode.asText());
            } catch (DateTimeParseException e) {
                return Result.bad(DeadLetterReason.BAD_TIMESTAMP,
                        "field 'ts' is not an ISO-8601 date or date-time: '" + tsNode.asText() + "'");
            }
        } else {
            return Result.bad(DeadLetterReason.WRONG_TYPE,
                    "field 'ts' must be epoch milliseconds or an ISO-8601 string, got " + typeName(tsNode));
        }
        return Result.ok(new Tick(symbol, ts, value));
    }

    /**
     * Epoch milliseconds from an ISO-8601 string: {@code 1991-07-01}, {@code 1991-07-01T09:30:00}
     * (UTC), {@code 1991-07-01T09:30:00Z} or with an offset; a plain integer string is also taken as
     * epoch milliseconds.
     *
     * @throws DateTimeParseException when none of these forms match
     */
    public static long parseTimestamp(String s) {
        String t = s.trim();
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-') && t.indexOf('-', 1) < 0) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new DateTimeParseException("not epoch milliseconds", s, 0);
            }
        }
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException e2) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        }
    }

    private static String typeName(JsonNode n) {
        JsonNodeType t = n.getNodeType();
        return t.name().toLowerCase(java.util.Locale.ROOT) + (n.isValueNode() ? " " + n : "");
    }
}
