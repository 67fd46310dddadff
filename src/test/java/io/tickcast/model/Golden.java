package io.tickcast.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the JSON files written by {@code golden/make_golden.py} (test resources). */
final class Golden {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Golden() {
    }

    static JsonNode json(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource golden/" + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state_dict entries of a JSON object (the key "config" is skipped). */
    static Map<String, NamedTensor> stateDict(JsonNode root) {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("config")) {
                continue;
            }
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.get(0).isArray() ? NamedTensor.matrix(e.getKey(), matrix(v))
                    : NamedTensor.vector(e.getKey(), vector(v)));
        }
        return out;
    }

    static double[] vector(JsonNode list) {
        double[] d = new double[list.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = list.get(i).doubleValue();
        }
        return d;
    }

    static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(rows.get(i));
        }
        return m;
    }
}
