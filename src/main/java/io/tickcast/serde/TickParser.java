package io.tickcast.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tickcast.config.TimestampUnit;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * {@code value} (a finite JSON number). Unknown fields are ignored; of repeated fields the last wins;
 * anything after the object is ignored. A missing record key is taken from {@code symbol}; a present
 * key must equal it.
 *
 * <p>This is on every tick's path, so it reads the record with one streaming pass instead of building
 * a tree ({@code ObjectMapper.readTree}, as it once did). The outcome, reasons and details included,
 * is the tree version's for every input: only the three known fields become (small) nodes, made as
 * {@code readTree} makes them, and the checks read those nodes as the tree version did.
 */
public final class TickParser {

    /** A parse outcome: exactly one of {@code tick} and {@code reason} is non-null. */
    public record Result(Tick tick, DeadLetterReason reason, String detail) {
        static Result ok(Tick tick) {
            return new Result(tick, null, null);
        }

        public static Result bad(DeadLetterReason reason, String detail) {
            return new Result(null, reason, detail);
        }

        public boolean ok() {
            return tick != null;
        }
    }

    private static final JsonFactory FACTORY = Json.mapper().getFactory();
    private static final JsonNodeFactory NODES = Json.mapper().getNodeFactory();

    private TickParser() {
    }

    /**
     * Parses with numeric timestamps taken as epoch milliseconds, unchecked ({@link TimestampUnit#MS_UNCHECKED}).
     *
     * @param key   the record key (may be null)
     * @param value the record value bytes (may be null)
     */
    public static Result parse(String key, byte[] value) {
        return parse(key, value, TimestampUnit.MS_UNCHECKED);
    }

    /**
     * @param key   the record key (may be null)
     * @param value the record value bytes (may be null)
     * @param unit  the unit of a numeric {@code ts} (integral, or a string of digits); it may refuse the value
     */
    public static Result parse(String key, byte[] value, TimestampUnit unit) {
        if (value == null) {
            return Result.bad(DeadLetterReason.MALFORMED_JSON, "record value is null (tombstone)");
        }
        if (Utf8.isAscii(value)) {
            // The usual tick: ASCII is valid UTF-8 and reads the same as bytes or as text.
            try (JsonParser p = FACTORY.createParser(value)) {
                return parse(key, p, unit);
            } catch (IOException e) {
                // Malformed. The byte and text parsers word some errors differently (a lone "-", for one):
                // read it again below as text, as readTree(String) did, for the same detail.
            }
        }
        String text = Utf8.decode(value);
        if (text == null) {
            return Result.bad(DeadLetterReason.MALFORMED_JSON, "record value is not UTF-8");
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            return parse(key, p, unit);
        } catch (JsonProcessingException e) {
            return Result.bad(DeadLetterReason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a parser over a String does no I/O
        }
    }

    /** Reads the first JSON value; only an object's {@code symbol}, {@code ts} and {@code value} are kept. */
    private static Result parse(String key, JsonParser p, TimestampUnit unit) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            JsonNode root = first == null ? MissingNode.getInstance() : readValue(p);
            return Result.bad(DeadLetterReason.MALFORMED_JSON, "expected a JSON object, got " + typeName(root));
        }
        JsonNode symbol = null;
        JsonNode ts = null;
        JsonNode value = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "symbol" -> symbol = readValue(p);
                case "ts" -> ts = readValue(p);
                case "value" -> value = readValue(p);
                default -> skipValue(p);
            }
        }
        return check(key, symbol, ts, value, unit);
    }

    /**
     * The node {@code readTree} makes of the current value. A container is skipped and stands as an empty
     * one: only its type is ever reported.
     */
    private static JsonNode readValue(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                skipValue(p);
                yield NODES.objectNode();
            }
            case START_ARRAY -> {
                skipValue(p);
                yield NODES.arrayNode();
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("not a JSON value: " + p.currentToken());
        };
    }

    /**
     * Reads past the current value as {@code readTree} would, without building anything: the same parser calls
     * in the same order (in an object {@code nextFieldName} then {@code nextToken}, in an array
     * {@code nextToken}; {@code skipChildren} only calls {@code nextToken}, and the parsers word some syntax
     * errors differently on the two paths), and every string read in full, which applies the parser's limit on
     * string length.
     */
    private static void skipValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        for (int depth = 0; ; ) {
            if (t == JsonToken.VALUE_STRING) {
                p.getText();
            } else if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                return;
            }
            if (p.getParsingContext().inObject()) {
                t = p.nextFieldName() == null ? p.currentToken() : p.nextToken();
            } else {
                t = p.nextToken();
            }
        }
    }

    /** The checks on the three fields (each null when absent), in the order that decides which reason wins. */
    private static Result check(String key, JsonNode symbolNode, JsonNode tsNode, JsonNode valueNode,
                                TimestampUnit unit) {
        if (symbolNode == null || symbolNode.isNull()) {
            return missing("symbol");
        }
        if (tsNode == null || tsNode.isNull()) {
            return missing("ts");
        }
        if (valueNode == null || valueNode.isNull()) {
            return missing("value");
        }
        if (!symbolNode.isTextual() || symbolNode.asText().isEmpty()) {
            return Result.bad(DeadLetterReason.WRONG_TYPE,
                    "field 'symbol' must be a non-empty string, got " + typeName(symbolNode));
        }
        String symbol = symbolNode.asText();
        if (key != null && !key.equals(symbol)) {
            return Result.bad(DeadLetterReason.KEY_MISMATCH,
                    "record key " + Limits.quote(key) + " differs from symbol " + Limits.quote(symbol));
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
                        "field 'ts' is not an ISO-8601 date or date-time: " + Limits.quote(tsNode.asText()));
            }
        } else {
            return Result.bad(DeadLetterReason.WRONG_TYPE,
                    "field 'ts' must be epoch milliseconds or an ISO-8601 string, got " + typeName(tsNode));
        }
        if (unit != TimestampUnit.MS_UNCHECKED && (tsNode.isIntegralNumber() || isEpochString(tsNode.asText()))) {
            String[] why = new String[1];
            Long ms = unit.toMillis(ts, why);
            if (ms == null) {
                return Result.bad(DeadLetterReason.BAD_TIMESTAMP, why[0]);
            }
            ts = ms;
        }
        return Result.ok(new Tick(symbol, ts, value));
    }

    private static Result missing(String field) {
        return Result.bad(DeadLetterReason.MISSING_FIELD, "field '" + field + "' is missing");
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
        if (isEpochString(t)) {
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

    /** Whether a {@code ts} string is an epoch number (digits, perhaps a leading minus, around spaces). */
    private static boolean isEpochString(String s) {
        String t = s.trim();
        return !t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-') && t.indexOf('-', 1) < 0;
    }

    private static String typeName(JsonNode n) {
        JsonNodeType t = n.getNodeType();
        return t.name().toLowerCase(java.util.Locale.ROOT) + (n.isValueNode() ? " " + n : "");
    }
}
