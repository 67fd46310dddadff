package io.tickcast.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.tickcast.csv.ValueColumn;
import io.tickcast.model.ImpulseResponse;
import io.tickcast.model.LstmConfig;
import io.tickcast.model.LstmModel;
import io.tickcast.model.TrainConfig;
import io.tickcast.serde.ModelJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tickcast model predict|impulse}: apply an exported LSTM offline. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Apply an LSTM exported as state_dict JSON (see ModelJson).",
        subcommands = {ModelCommand.Predict.class, ModelCommand.Impulse.class})
public final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Forecasts for every window of T consecutive values. */
    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = {"Applies the model as it is (no normalisation) to every window of T consecutive input values.",
                    "Prints one CSV line per window: index of the window's last value, then the horizon outputs."})
    static final class Predict implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--weights", required = true, paramLabel = "FILE", description = "state_dict JSON")
        Path weights;

        @Option(names = "--input", required = true, paramLabel = "FILE",
                description = "one value per line, or tick CSV 'symbol,ts,value' with header")
        Path input;

        @Option(names = "--timesteps", defaultValue = "5", paramLabel = "T", description = "window length (default ${DEFAULT-VALUE})")
        int timesteps;

        @Override
        public Integer call() throws IOException {
            LstmModel model = ModelJson.read(weights).toModel(TrainConfig.builder().build());
            if (model.config().inputSize() != 1) {
                throw new IllegalArgumentException(weights + ": model has input size " + model.config().inputSize()
                        + "; predict feeds one value per timestep");
            }
            if (timesteps < 1) {
                throw new IllegalArgumentException("--timesteps must be >= 1, got " + timesteps);
            }
            double[] values = ValueColumn.read(input);
            PrintWriter out = spec.commandLine().getOut();
            double[] window = new double[timesteps];
            double[] y = new double[model.config().horizon()];
            for (int end = timesteps - 1; end < values.length; end++) {
                System.arraycopy(values, end - timesteps + 1, window, 0, timesteps);
                model.predict(window, timesteps, y);
                StringBuilder line = new StringBuilder().append(end);
                for (double v : y) {
                    line.append(',').append(Double.toString(v));
                }
                out.println(line);
            }
            out.flush();
            return 0;
        }
    }

    /** The notebook's impulse response. */
    @Command(name = "impulse", mixinStandardHelpOptions = true,
            description = {"Impulse response: input 1 at step 0 (on every input feature), zeros after, from zero state.",
                    "CSV with header: step,input, then for layer 0 the input gate i_0..i_{H-1}, forget gate f_*,",
                    "output gate o_*, cell state c_*, unit output h_*, then the head's forecast y_0..y_{horizon-1}."})
    static final class Impulse implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--weights", paramLabel = "FILE", description = "state_dict JSON; without it a random model")
        Path weights;

        @Option(names = "--steps", defaultValue = "30", description = "number of steps (default ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--seed", defaultValue = "0", description = "seed of the random model (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--hidden", defaultValue = "25", paramLabel = "H", description = "hidden size of the random model (default ${DEFAULT-VALUE})")
        int hidden;

        @Override
        public Integer call() throws IOException {
            LstmModel model = weights != null
                    ? ModelJson.read(weights).toModel(TrainConfig.builder().build())
                    : LstmModel.create(LstmConfig.builder().hiddenSize(hidden).build(), TrainConfig.builder().build(), seed);
            ImpulseResponse r = model.impulseResponse(steps);
            int hs = model.config().hiddenSize();
            PrintWriter out = spec.commandLine().getOut();
            StringBuilder header = new StringBuilder("step,input");
            for (String p : new String[] {"i", "f", "o", "c", "h"}) {
                for (int j = 0; j < hs; j++) {
                    header.append(',').append(p).append('_').append(j);
                }
            }
            for (int j = 0; j < model.config().horizon(); j++) {
                header.append(",y_").append(j);
            }
            out.println(header);
            for (int t = 0; t < r.steps(); t++) {
                StringBuilder line = new StringBuilder().append(t).append(',').append(r.input()[t]);
                for (double[][] block : new double[][][] {r.inputGate(), r.forgetGate(), r.outputGate(),
                        r.cellState(), r.hidden(), r.forecast()}) {
                    for (double v : block[t]) {
                        line.append(',').append(Double.toString(v));
                    }
                }
                out.println(line);
            }
            out.flush();
            return 0;
        }
    }
}
