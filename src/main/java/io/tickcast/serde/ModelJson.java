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
 * {@code {"hidden_size", "num_layers", "input_size", "horizon", "activation": "tanh|sigmoid", "peepholes"}}
 * in which every key is optional. The shapes determine the dimensions and the peepholes (present if
 * {@code lstm.weight_ci_l0} is); a {@code config} value must agree with them, and a contradiction is an
 * error naming the key. The activation is {@code config.activation}, tanh without. So PyTorch's
 * {@code json.dump({k: v.tolist() for k, v in state_dict.items()})} (what {@code make_golden.py} writes) loads
 * as it is, and with {@code "config": {"activation": "sigmoid"}} as the notebook's model.
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
        LstmConfig cfg = architecture(config, dict);
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

    /**
     * The architecture: hidden size, layers, input size and horizon from the shapes of
     * {@code lstm.weight_ih_l0} ({@code 4H x input_size}), the count of {@code lstm.weight_ih_l{k}} and
     * {@code head.weight} ({@code horizon x H}); peepholes from the presence of {@code lstm.weight_ci_l0};
     * the activation from {@code config} (tanh without). A {@code config} value the shapes also determine
     * must agree with them; one they cannot determine (its tensor is missing) is taken as given.
     *
     * @param c the {@code config} object, or null
     * @throws IllegalArgumentException naming the {@code config} key of a contradiction or a mistyped value,
     *                                  or the tensor that is missing or misshapen when nothing else gives
     *                                  the dimension
     */
    private static LstmConfig architecture(JsonNode c, Map<String, NamedTensor> dict) {
        if (c != null && !c.isObject()) {
            throw new IllegalArgumentException("config must be a JSON object, got " + c.getNodeType());
        }
        NamedTensor ih = dict.get("lstm.weight_ih_l0");
        if (ih != null && (ih.shape().length != 2 || ih.shape()[0] % 4 != 0)) {
            throw new IllegalArgumentException("'lstm.weight_ih_l0' has shape " + ih.shapeString()
                    + ", expected [4H, input_size]");
        }
        NamedTensor head = dict.get("head.weight");
        if (head != null && head.shape().length != 2) {
            throw new IllegalArgumentException("'head.weight' has shape " + head.shapeString() + ", expected [horizon, H]");
        }
        int layers = 0;
        while (dict.containsKey("lstm.weight_ih_l" + layers)) {
            layers++;
        }
        // What the shapes say (null: the tensor is missing), and why, for the message of a contradiction.
        Integer hidden = ih == null ? null : ih.shape()[0] / 4;
        Integer input = ih == null ? null : ih.shape()[1];
        String ihWhy = ih == null ? null : "'lstm.weight_ih_l0' has shape " + ih.shapeString();
        String layersWhy = layers == 1 ? "'lstm.weight_ih_l0' and no 'lstm.weight_ih_l1'"
                : "'lstm.weight_ih_l0' to 'lstm.weight_ih_l" + (layers - 1) + "'";
        Integer horizon = head == null ? null : head.shape()[0];
        String headWhy = head == null ? null : "'head.weight' has shape " + head.shapeString();
        return LstmConfig.builder()
                .hiddenSize(dimension(c, "hidden_size", hidden, ihWhy, "lstm.weight_ih_l0"))
                .inputSize(dimension(c, "input_size", input, ihWhy, "lstm.weight_ih_l0"))
                .layers(dimension(c, "num_layers", ih == null ? null : layers, layersWhy, "lstm.weight_ih_l0"))
                .horizon(dimension(c, "horizon", horizon, headWhy, "head.weight"))
                .peepholes(peepholes(c, dict.containsKey("lstm.weight_ci_l0")))
                .activation(activation(c))
                .build();
    }

    /**
     * {@code config.key} checked against the value the shapes give ({@code inferred}, null if they give none).
     *
     * @param evidence what in the tensors gives {@code inferred}, for the message of a contradiction
     * @param source   the tensor that would give it, for the message when neither is there
     */
    private static int dimension(JsonNode c, String key, Integer inferred, String evidence, String source) {
        JsonNode v = c == null ? null : c.get(key);
        if (v == null) {
            if (inferred == null) {
                throw new IllegalArgumentException("missing parameter '" + source + "', needed for " + key
                        + " unless config." + key + " gives it");
            }
            return inferred;
        }
        if (!v.isNumber() || !v.canConvertToInt() || v.doubleValue() != v.intValue()) {
            throw new IllegalArgumentException("config." + key + " must be an integer, got " + v);
        }
        if (inferred != null && v.intValue() != inferred) {
            throw new IllegalArgumentException("config." + key + " is " + v.intValue() + " but the tensors say "
                    + inferred + " (" + evidence + ")");
        }
        return v.intValue();
    }

    private static boolean peepholes(JsonNode c, boolean present) {
        JsonNode v = c == null ? null : c.get("peepholes");
        if (v == null) {
            return present;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("config.peepholes must be true or false, got " + v);
        }
        if (v.booleanValue() != present) {
            throw new IllegalArgumentException("config.peepholes is " + v.booleanValue() + " but 'lstm.weight_ci_l0' is "
                    + (present ? "present" : "absent"));
        }
        return present;
    }

    private static Activation activation(JsonNode c) {
        JsonNode v = c == null ? null : c.get("activation");
        String act = v == null ? "tanh" : v.isTextual() ? v.textValue() : v.toString();
        return switch (act) {
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> throw new IllegalArgumentException("config.activation must be tanh or sigmoid, got " + v);
        };
    }
}
