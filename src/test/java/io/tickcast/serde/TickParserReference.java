package io.tickcast.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;

/**
 * The tree-based {@link TickParser} as it was before the streaming rewrite ({@code ObjectMapper.readTree}, then
 * inspect the tree), kept as the oracle that {@link TickParserEquivalenceTest} compares the streaming parser with,
 * and the baseline of {@code SerdeBench}. Not for production use: it is slower. Changed since only where the parser's
 * messages changed: a user's strings in a detail are quoted by {@link Limits#quote}.
 */
public final class TickParserReference {

    private TickParserReference() {
    }

    public static TickParser.Result parse(String key, byte[] value) {
        if (value == null) {
            return TickParser.Result.bad(DeadLetterReason.MALFORMED_JSON, "record value is null (tombstone)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return TickParser.Result.bad(DeadLetterReason.MALFORMED_JSON, "record value is not UTF-8");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return TickParser.Result.bad(DeadLetterReason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return TickParser.Result.bad(DeadLetterReason.MALFORMED_JSON,
                    "expected a JSON object, got " + (node == null ? "nothing" : typeName(node)));
        }
        return parseObject(key, node);
    }

    private static TickParser.Result parseObject(String key, JsonNode node) {
        JsonNode symbolNode = node.get("symbol");
        JsonNode tsNode = node.get("ts");
        JsonNode valueNode = node.get("value");
        for (String field : new String[] {"symbol", "ts", "value"}) {
            JsonNode f = node.get(field);
            if (f == null || f.isNull()) {
                return TickParser.Result.bad(DeadLetterReason.MISSING_FIELD, "field '" + field + "' is missing");
            }
        }
        if (!symbolNode.isTextual() || symbolNode.asText().isEmpty()) {
            return TickParser.Result.bad(DeadLetterReason.WRONG_TYPE,
                    "field 'symbol' must be a non-empty string, got " + typeName(symbolNode));
        }
        String symbol = symbolNode.asText();
        if (key != null && !key.equals(symbol)) {
            return TickParser.Result.bad(DeadLetterReason.KEY_MISMATCH,
                    "record key " + Limits.quote(key) + " differs from symbol " + Limits.quote(symbol));
        }
        if (!valueNode.isNumber()) {
            return TickParser.Result.bad(DeadLetterReason.WRONG_TYPE,
                    "field 'value' must be a number, got " + typeName(valueNode));
        }
        double value = valueNode.doubleValue();
        if (!Double.isFinite(value)) {
            return TickParser.Result.bad(DeadLetterReason.NON_FINITE,
                    "field 'value' is not finite: " + valueNode.asText());
        }
        long ts;
        if (tsNode.isIntegralNumber()) {
            if (!tsNode.canConvertToLong()) {
                return TickParser.Result.bad(DeadLetterReason.BAD_TIMESTAMP, "field 'ts' overflows epoch milliseconds");
            }
            ts = tsNode.longValue();
        } else if (tsNode.isTextual()) {
            try {
                ts = TickParser.parseTimestamp(tsNode.asText());
            } catch (DateTimeParseException e) {
                return TickParser.Result.bad(DeadLetterReason.BAD_TIMESTAMP,
                        "field 'ts' is not an ISO-8601 date or date-time: " + Limits.quote(tsNode.asText()));
            }
        } else {
            return TickParser.Result.bad(DeadLetterReason.WRONG_TYPE,
                    "field 'ts' must be epoch milliseconds or an ISO-8601 string, got " + typeName(tsNode));
        }
        return TickParser.Result.ok(new Tick(symbol, ts, value));
    }

    private static String typeName(JsonNode n) {
        JsonNodeType t = n.getNodeType();
        return t.name().toLowerCase(java.util.Locale.ROOT) + (n.isValueNode() ? " " + n : "");
    }
}
