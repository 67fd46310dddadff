package io.tickcast.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Validates JSON against the contracts in {@code schemas/} with networknt's draft 2020-12 validator. */
public final class SchemaCheck {

    public static final Path SCHEMAS = Path.of("schemas");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private SchemaCheck() {
    }

    /** The schema of a record kind: tick, forecast, break, dead-letter. */
    public static JsonSchema schema(String kind) {
        return CACHE.computeIfAbsent(kind, k -> {
            try (InputStream in = Files.newInputStream(SCHEMAS.resolve(k + ".schema.json"))) {
                return FACTORY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The validation errors, as readable lines; empty when valid. */
    public static String errors(String kind, JsonNode node) {
        Set<ValidationMessage> errs = schema(kind).validate(node);
        return errs.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }

    public static String errors(String kind, String json) {
        try {
            return errors(kind, Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema kind of an output record. */
    public static String kindOf(Output o) {
        if (o instanceof Forecast) {
            return "forecast";
        }
        if (o instanceof BreakSignal) {
            return "break";
        }
        return "dead-letter";
    }
}
