package io.tickcast.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tickcast.model.Activation;
import io.tickcast.model.LstmConfig;
import io.tickcast.model.LstmModel;
import io.tickcast.model.TrainConfig;

class ModelJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The notebook's model: 25 units, sigmoid. */
    private static final LstmConfig NOTEBOOK = LstmConfig.builder().hiddenSize(25).activation(Activation.SIGMOID).build();

    /** The JSON of {@code model}'s state_dict with {@code config} (JSON text, or null for none) in place of the written one. */
    private static byte[] withConfig(LstmModel model, String config) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelJson.write(model, out);
        ObjectNode root = (ObjectNode) MAPPER.readTree(out.toByteArray());
        root.remove("config");
        if (config != null) {
            root.set("config", MAPPER.readTree(config));
        }
        return MAPPER.writeValueAsBytes(root);
    }

    private static ModelJson.Weights read(byte[] json) throws Exception {
        return ModelJson.read(new ByteArrayInputStream(json));
    }

    /** What a PyTorch user writes: the tensors and only what they cannot say. */
    @Test
    void aPartialConfigIsCompletedFromTheShapes() throws Exception {
        LstmModel m = LstmModel.create(NOTEBOOK, TrainConfig.builder().build(), 3);
        ModelJson.Weights w = read(withConfig(m, "{\"activation\": \"sigmoid\"}"));
        assertEquals(NOTEBOOK, w.config());
        assertEquals(m.exportStateDict(), w.stateDict());

        LstmConfig deep = LstmConfig.builder().inputSize(2).hiddenSize(4).layers(2).horizon(3).peepholes(true).build();
        LstmModel d = LstmModel.create(deep, TrainConfig.builder().build(), 4);
        assertEquals(deep, read(withConfig(d, "{\"num_layers\": 2, \"peepholes\": true}")).config());
        assertEquals(deep, read(withConfig(d, "{}")).config());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"hidden_size": 7}    | config.hidden_size is 7 but the tensors say 25 ('lstm.weight_ih_l0' has shape [100, 1])
            {"input_size": 3}     | config.input_size is 3 but the tensors say 1 ('lstm.weight_ih_l0' has shape [100, 1])
            {"num_layers": 2}     | config.num_layers is 2 but the tensors say 1 ('lstm.weight_ih_l0' and no 'lstm.weight_ih_l1')
            {"horizon": 4}        | config.horizon is 4 but the tensors say 1 ('head.weight' has shape [1, 25])
            {"peepholes": true}   | config.peepholes is true but 'lstm.weight_ci_l0' is absent
            {"hidden_size": "25"} | config.hidden_size must be an integer, got "25"
            {"hidden_size": 25.5} | config.hidden_size must be an integer, got 25.5
            {"peepholes": "no"}   | config.peepholes must be true or false, got "no"
            {"activation": "relu"} | config.activation must be tanh or sigmoid, got "relu"
            []                    | config must be a JSON object, got ARRAY
            """)
    void aContradictionOrAMistypedValueIsRejectedNamingTheKey(String config, String message) throws Exception {
        LstmModel m = LstmModel.create(NOTEBOOK, TrainConfig.builder().build(), 3);
        byte[] json = withConfig(m, config);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aConfigSaysWhatMissingTensorsCannot() throws Exception {
        LstmModel m = LstmModel.create(NOTEBOOK, TrainConfig.builder().build(), 3);
        ObjectNode root = (ObjectNode) MAPPER.readTree(withConfig(m, null));
        root.remove("head.weight");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read(MAPPER.writeValueAsBytes(root)));
        assertEquals("missing parameter 'head.weight', needed for horizon unless config.horizon gives it", e.getMessage());
        // With the horizon given, the missing tensor is reported with the shape it must have.
        root.set("config", MAPPER.readTree("{\"horizon\": 1}"));
        e = assertThrows(IllegalArgumentException.class, () -> read(MAPPER.writeValueAsBytes(root)));
        assertEquals("missing parameter 'head.weight', expected shape [1, 25]", e.getMessage());
    }

    @Test
    void writeThenReadRestoresConfigAndWeights() throws Exception {
        LstmConfig cfg = LstmConfig.builder().inputSize(3).hiddenSize(4).layers(2).horizon(2).peepholes(true)
                .activation(Activation.SIGMOID).build();
        LstmModel m = LstmModel.create(cfg, TrainConfig.builder().build(), 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelJson.write(m, out);
        ModelJson.Weights w = ModelJson.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(cfg, w.config());
        assertEquals(m.exportStateDict(), w.stateDict());
    }

    @Test
    void dimensionsAreInferredWithoutConfig() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/io/tickcast/model/golden/model_b.json")) {
            ModelJson.Weights w = ModelJson.read(in);
            assertEquals(LstmConfig.builder().inputSize(1).hiddenSize(5).layers(2).horizon(2).build(), w.config());
        }
    }

    @Test
    void misshapenEntryIsRejectedWithKeyAndShape() {
        String json = "{\"config\": {\"hidden_size\": 1, \"num_layers\": 1, \"input_size\": 1, \"horizon\": 1},"
                + "\"lstm.weight_ih_l0\": [[1],[1],[1],[1]], \"lstm.weight_hh_l0\": [[1],[1],[1]],"
                + "\"lstm.bias_ih_l0\": [0,0,0,0], \"lstm.bias_hh_l0\": [0,0,0,0],"
                + "\"head.weight\": [[1]], \"head.bias\": [0]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("lstm.weight_hh_l0") && e.getMessage().contains("[4, 1]"), e.getMessage());
    }
}
