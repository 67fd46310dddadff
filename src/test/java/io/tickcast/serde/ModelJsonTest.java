package io.tickcast.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.tickcast.model.Activation;
import io.tickcast.model.LstmConfig;
import io.tickcast.model.LstmModel;
import io.tickcast.model.TrainConfig;

class ModelJsonTest {

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
