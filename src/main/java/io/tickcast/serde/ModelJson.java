package io.tickcast.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tickcast.model.Activation;
import io.tickcast.model.LstmConfig;
import io.tickcast.model.LstmModel;
import io.tickcast.model.NamedTensor;
import io.tickcast.model.TrainConfig;

/**
 * JSON codec of an LSTM's weights: one object whose keys are PyTorch state_dict names
 * ({@code lstm.weight_ih_l0}, ..., {@code head.weight}, {@code head.bias}) with nested-list values, plus an
 * optional {@code config} object
 * {@code {"hidden_size", "num_layers", "input_size", "horizon", "activation": "tanh|sigmoid", "peepholes"}}.
 * Without {@code config}, the dimensions are inferred from the shapes (activation tanh; peepholes if
 * {@code lstm.weight_ci_l0} is present). This is the format {@code make_golden.py} writes with
 * {@code json.dump({k: v.tolist() for k, v in state_dict.items()})}.
 */
public final class ModelJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    /** A parsed file: the architecture and the weights. */
    public record Weights(LstmConfig config, Map<String, NamedTensor> stateDict) {

        /** A model with these weights and the given training configuration. */
        public LstmModel toModel(TrainConfig train) {
            return LstmModel.fromStateDict(config, train, stateDict);
        }
    }

    private ModelJson() {
    }

    /** Reads a weights file; {@link IllegalArgumentException} with the key on malformed content. */
    public static Weights read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads weights from a stream (not closed). */
    public static Weights read(InputStream in) throws IOException {
        JsonNode root = MAPPER.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object of state_dict entries");
        }
        Map<String, NamedTensor> dict = new LinkedHashMap<>();
        JsonNode config = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("config")) {
                config = e.getValue();
            } else {
                dict.put(e.getKey(), tensor(e.getKey(), e.getValue()));
            }
        }
        LstmConfig cfg = config == null ? infer(dict) : config(config);
        // Validate now (names and shapes) so that errors name the file's key, not a later use.
        LstmModel.fromStateDict(cfg, TrainConfig.builder().build(), dict);
        return new Weights(cfg, dict);
    }

    /** Writes {@code config} and the model's state_dict. */
    public static void write(LstmModel model, OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        for (NamedTensor t : model.exportStateDict().values()) {
            int[] shape = t.shape();
            double[] d = t.data();
            ArrayNode a = root.putArray(t.name());
            if (shape.length == 1) {
                for (double v : d) {
                    a.add(v);
                }
            } else {
                for (int r = 0; r < shape[0]; r++) {
                    ArrayNode row = a.addArray();
                    for (int c = 0; c < shape[1]; c++) {
                        row.add(d[r * shape[1] + c]);
                    }
                }
            }
        }
        LstmConfig c = model.config();
        ObjectNode cfg = root.putObject("config");
        cfg.put("hidden_size", c.hiddenSize());
        cfg.put("num_layers", c.layers());
        cfg.put("input_size", c.inputSize());
        cfg.put("horizon", c.horizon());
        cfg.put("activation", c.activation().name().toLowerCase(Locale.ROOT));
        cfg.put("peepholes", c.peepholes());
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    /** Writes to {@code file}. */
    public static void write(LstmModel model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(model, out);
        }
    }

    private static NamedTensor tensor(String name, JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' must be a non-empty (nested) list of numbers");
        }
        if (!node.get(0).isArray()) {
            return NamedTensor.vector(name, numbers(name, node));
        }
        double[][] rows = new double[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            if (!node.get(r).isArray()) {
                throw new IllegalArgumentException("'" + name + "' row " + r + " is not a list");
            }
            rows[r] = numbers(name, node.get(r));
            if (rows[r].length != rows[0].length) {
                throw new IllegalArgumentException("'" + name + "' is ragged: row " + r + " has " + rows[r].length
                        + " values, row 0 has " + rows[0].length);
            }
        }
        return NamedTensor.matrix(name, rows);
    }

    private static double[] numbers(String name, JsonNode list) {
        double[] d = new double[list.size()];
        for (int i = 0; i < d.length; i++) {
            JsonNode v = list.get(i);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("'" + name + "' contains a non-number: " + v);
            }
            d[i] = v.doubleValue();
        }
        return d;
    }

    private static LstmConfig config(JsonNode c) {
        String act = c.path("activation").asText("tanh");
        Activation activation = switch (act) {
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> throw new IllegalArgumentException("config.activation must be tanh or sigmoid, got '" + act + "'");
        };
        return LstmConfig.builder()
                .hiddenSize(requiredInt(c, "hidden_size"))
                .layers(requiredInt(c, "num_layers"))
                .inputSize(requiredInt(c, "input_size"))
                .horizon(requiredInt(c, "horizon"))
                .activation(activation)
                .peepholes(c.path("peepholes").asBoolean(false))
                .build();
    }

    private static int requiredInt(JsonNode c, String key) {
        JsonNode v = c.get(key);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("config." + key + " must be an integer");
        }
        return v.intValue();
    }

    /** Dimensions from the shapes: PyTorch's {@code weight_ih_l0} is {@code 4H x in}, {@code head.weight} is {@code horizon x H}. */
    private static LstmConfig infer(Map<String, NamedTensor> dict) {
        NamedTensor ih = require(dict, "lstm.weight_ih_l0");
        NamedTensor head = require(dict, "head.weight");
        int layers = 0;
        while (dict.containsKey("lstm.weight_ih_l" + layers)) {
            layers++;
        }
        int[] s = ih.shape();
        if (s.length != 2 || s[0] % 4 != 0) {
            throw new IllegalArgumentException("'lstm.weight_ih_l0' has shape " + ih.shapeString() + ", expected [4H, input_size]");
        }
        int[] hs = head.shape();
        if (hs.length != 2) {
            throw new IllegalArgumentException("'head.weight' has shape " + head.shapeString() + ", expected [horizon, H]");
        }
        return LstmConfig.builder().hiddenSize(s[0] / 4).inputSize(s[1]).layers(layers).horizon(hs[0])
                .peepholes(dict.containsKey("lstm.weight_ci_l0")).build();
    }

    private static NamedTensor require(Map<String, NamedTensor> dict, String key) {
        NamedTensor t = dict.get(key);
        if (t == null) {
            throw new IllegalArgumentException("missing parameter '" + key + "' (needed to infer dimensions without a config object)");
        }
        return t;
    }
}
