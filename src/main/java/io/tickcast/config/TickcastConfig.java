package io.tickcast.config;

import io.tickcast.model.Activation;
import io.tickcast.model.LstmConfig;
import io.tickcast.model.TrainConfig;
import io.tickcast.stats.ChowConfig;
import io.tickcast.stats.ChowMode;
import io.tickcast.stats.MonitorConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * tickcast's own configuration keys, each declared once with a doc string, a type, a default and a
 * validator. Every other key (Kafka client and Streams keys: TLS, SASL, {@code processing.guarantee},
 * ...) passes through unchanged to Kafka Streams via {@link #streamsProperties()}.
 *
 * <p>Keys, defaults and valid ranges are declared once, here; where a domain class ({@link LstmConfig},
 * {@link TrainConfig}, {@link ChowConfig}) has a default or a limit, the declaration reads its constant,
 * and {@link #lstmConfig()}, {@link #trainConfig()} and {@link #chowConfig()} pass every value explicitly.
 * A configuration that parses builds the topology.
 *
 * <p>Sources, later wins: defaults, {@code --config FILE}, environment {@code TICKCAST_*}
 * ({@code TICKCAST_TRAIN_EVERY=16} is {@code train.every=16}), {@code --set key=value}, dedicated flags.
 */
public final class TickcastConfig extends AbstractConfig {

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String PROCESSING_GUARANTEE = "processing.guarantee";
    public static final String STARTUP_TIMEOUT_MS = "startup.timeout.ms";
    public static final String CONFIG_EXTRA_KEYS = "config.extra.keys";

    public static final String TOPIC_TICKS = "topics.ticks";
    public static final String TOPIC_FORECASTS = "topics.forecasts";
    public static final String TOPIC_BREAKS = "topics.breaks";
    public static final String TOPIC_DLQ = "topics.dlq";
    public static final String TOPIC_PARTITIONS = "topics.partitions";
    public static final String TOPIC_REPLICATION = "topics.replication";
    public static final String TOPIC_CREATE = "topics.create";
    public static final String TICKS_TS_UNIT = "ticks.ts.unit";

    public static final String MODEL_TIMESTEPS = "model.timesteps";
    public static final String MODEL_HORIZON = "model.horizon";
    public static final String MODEL_HIDDEN = "model.hidden";
    public static final String MODEL_LAYERS = "model.layers";
    public static final String MODEL_ACTIVATION = "model.activation";
    public static final String MODEL_PEEPHOLES = "model.peepholes";
    public static final String MODEL_SEED = "model.seed";

    public static final String TRAIN_MIN = "train.min";
    public static final String TRAIN_YOUNG = "train.young";
    /**
     * The LSTM expert's learning rate: three times Keras's RMSprop default, which {@link TrainConfig} keeps; the expert
     * learns its corrections online from a few windows at a time ({@code docs/forecasting.md} has the measurements).
     */
    public static final double DEFAULT_TRAIN_LR = 3e-3;
    /** Inputs per timestep of the LSTM expert (the stream's {@code LstmInputs}). */
    public static final int INPUT_FEATURES = 6;
    public static final String TRAIN_EVERY = "train.every";
    public static final String TRAIN_BUFFER = "train.buffer";
    public static final String TRAIN_EPOCHS = "train.epochs";
    public static final String TRAIN_BATCH = "train.batch";
    public static final String TRAIN_BPTT = "train.bptt";
    public static final String TRAIN_OPTIMIZER = "train.optimizer";
    public static final String TRAIN_LR = "train.lr";
    public static final String TRAIN_CLIP = "train.clip";

    public static final String NORM_HALFLIFE = "norm.halflife";
    public static final String INTERVAL_LEVEL = "interval.level";
    public static final String SCORE_WINDOW = "score.window";
    public static final String ANOMALY_LEVEL = "anomaly.level";
    public static final String STATE_CACHE_BYTES = "state.cache.bytes";
    public static final String STATE_CHECKPOINT_TICKS = "state.checkpoint.ticks";
    public static final String INTERVAL_WINDOW = "interval.window";
    public static final String INTERVAL_GAMMA = "interval.gamma";
    public static final String INTERVAL_HALFLIFE = "interval.halflife";
    public static final String SEASON_PERIOD = "season.period";
    public static final String EXPERTS_LSTM = "experts.lstm";
    public static final String EXPERTS_STATISTICAL = "experts.statistical";

    public static final String BREAKS_MODE = "breaks.mode";
    public static final String BREAKS_ALPHA = "breaks.alpha";
    public static final String BREAKS_HORIZON = "breaks.horizon";
    public static final String BREAKS_HISTORY = "breaks.history";
    public static final String BREAKS_LAGS = "breaks.lags";
    public static final String BREAKS_SHIFT = "breaks.shift";
    public static final String BREAKS_WINDOW = "breaks.window";
    public static final String BREAKS_LEVEL = "breaks.level";
    public static final String BREAKS_REACT = "breaks.react";
    public static final String BREAKS_BEND = "breaks.bend";

    public static final String CHOW_LAGS = "chow.lags";
    public static final String CHOW_INTERCEPT = "chow.intercept";
    public static final String CHOW_WINDOW = "chow.window";
    public static final String CHOW_MODE = "chow.mode";
    public static final String CHOW_ALPHA = "chow.alpha";
    public static final String CHOW_TRIM = "chow.trim";
    public static final String CHOW_EMIT = "chow.emit";

    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_HISTORY_SIZE = "http.history.size";
    public static final String HTTP_HISTORY_SYMBOLS = "http.history.symbols";
    public static final String HTTP_OVERVIEW_SYMBOLS = "http.overview.symbols";
    public static final String METRICS_SYMBOLS_MAX = "metrics.symbols.max";

    /**
     * Most LSTM parameters a symbol's model may have: its state (weights and optimiser moments, 8 bytes
     * each) is one record of the models store and its changelog, and building the topology sizes that
     * record from a fresh model. At 5 million parameters the record is 80 MB with RMSprop, 120 MB with
     * Adam; {@code model.hidden=1024} with {@code model.layers=8} (63 million) exhausts a 2 GB heap.
     */
    public static final long MAX_MODEL_PARAMETERS = 5_000_000;

    /**
     * Most values in one fine-tuning call's training windows, {@code train.buffer × (model.timesteps +
     * model.horizon)}: each stream task holds them as doubles (80 MB at the limit). {@code train.buffer=100000}
     * with {@code model.timesteps=1000} would need 800 MB per task at the first fine-tuning call.
     */
    public static final long MAX_TRAINING_VALUES = 10_000_000;

    /** The declared keys. Defaults here are the documented defaults; where a domain class has a default or a limit, its constant. */
    private static final ConfigDef DEF = new ConfigDef()
            .define(APPLICATION_ID, Type.STRING, "tickcast", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka Streams application id: the consumer group and the prefix of internal topics.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, "", Importance.HIGH,
                    "Kafka bootstrap servers. Empty: start an embedded single-node broker (demo only).")
            .define(CONFIG_EXTRA_KEYS, Type.LIST, "", Importance.LOW,
                    "Keys that are neither tickcast's nor Kafka's, passed to Kafka unchanged (a plugin's own keys, such"
                            + " as an interceptor's); an entry ending in '.' allows every key it starts. Any other unknown"
                            + " key is an error.")
            .define(STARTUP_TIMEOUT_MS, Type.INT, 15_000, Range.between(100, 3_600_000), Importance.MEDIUM,
                    "At start-up (run, demo, produce, generate, tail), the bootstrap servers must answer within this "
                            + "many milliseconds, or tickcast stops with the cause (connection refused, unknown host, TLS).")
            .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                    ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.HIGH,
                    "Kafka Streams processing guarantee.")
            .define(TOPIC_TICKS, Type.STRING, "ticks", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Input topic of ticks, keyed by symbol.")
            .define(TOPIC_FORECASTS, Type.STRING, "forecasts", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Output topic of forecasts.")
            .define(TOPIC_BREAKS, Type.STRING, "breaks", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Output topic of structural-break signals.")
            .define(TOPIC_DLQ, Type.STRING, "ticks-dlq", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Dead-letter topic: rejected ticks with their reason.")
            .define(TOPIC_PARTITIONS, Type.INT, 4, Range.between(1, 10_000), Importance.MEDIUM,
                    "Partitions of the topics tickcast creates when they are missing.")
            .define(TOPIC_REPLICATION, Type.SHORT, (short) -1, Range.between(-1, 32), Importance.MEDIUM,
                    "Replication factor of created topics; -1 takes the broker default.")
            .define(TOPIC_CREATE, Type.BOOLEAN, true, Importance.LOW,
                    "Create missing topics at start-up.")
            .define(TICKS_TS_UNIT, Type.STRING, TimestampUnit.MS.code(), ValidString.in(TimestampUnit.codes()),
                    Importance.MEDIUM, "Unit of a tick's numeric ts: ms, s, us or ns (micro- and nanoseconds are rounded"
                            + " down to the millisecond). A value this unit would misread is a dead letter that names the"
                            + " unit it looks like: one after the year 9999 or before the year 1, or one in 1970-01-12"
                            + " .. 1970-04-27, where epoch seconds land when read as milliseconds. ms-unchecked takes"
                            + " any value as milliseconds (counters, data from early 1970). ISO-8601 strings carry"
                            + " their own time.")
            .define(MODEL_TIMESTEPS, Type.INT, 5, Range.between(2, 1_000), Importance.HIGH,
                    "Ticks in the model's input window (the notebook's timesteps).")
            .define(MODEL_HORIZON, Type.INT, 1, Range.between(1, 100), Importance.HIGH,
                    "Steps ahead forecast at every tick (direct multi-step).")
            .define(MODEL_HIDDEN, Type.INT, LstmConfig.DEFAULT_HIDDEN_SIZE, Range.between(1, 1_024), Importance.MEDIUM,
                    "LSTM hidden units per layer (with model.layers, model.horizon and model.peepholes: at most "
                            + MAX_MODEL_PARAMETERS + " parameters).")
            .define(MODEL_LAYERS, Type.INT, 1, Range.between(1, 8), Importance.MEDIUM,
                    "Stacked LSTM layers.")
            .define(MODEL_ACTIVATION, Type.STRING, "tanh", oneOf(Activation.values()), Importance.LOW,
                    "LSTM cell/output activation (the notebook used sigmoid).")
            .define(MODEL_PEEPHOLES, Type.BOOLEAN, false, Importance.LOW,
                    "Peephole connections (Gers & Schmidhuber 2000).")
            .define(MODEL_SEED, Type.LONG, 42L, Importance.LOW,
                    "Seed of every symbol's weight initialisation (mixed with the symbol's name).")
            .define(TRAIN_MIN, Type.INT, 32, Range.atLeast(0), Importance.MEDIUM,
                    "Ticks a symbol must have before its LSTM expert joins the panel.")
            .define(TRAIN_YOUNG, Type.INT, 128, Range.between(0, 1_000_000), Importance.MEDIUM,
                    "While a symbol has at most this many ticks its LSTM trains one mini-batch on every tick; then every train.every ticks.")
            .define(TRAIN_EVERY, Type.INT, 32, Range.between(1, 1_000_000), Importance.MEDIUM,
                    "Fine-tune the symbol's model every this many ticks.")
            .define(TRAIN_BUFFER, Type.INT, 64, Range.between(1, 100_000), Importance.MEDIUM,
                    "Training windows kept in the per-symbol replay buffer (times model.timesteps + model.horizon: at most "
                            + MAX_TRAINING_VALUES + ").")
            .define(TRAIN_EPOCHS, Type.INT, 1, Range.between(1, 1_000), Importance.MEDIUM,
                    "Passes over the replay buffer per fine-tuning call.")
            .define(TRAIN_BATCH, Type.INT, TrainConfig.DEFAULT_BATCH_SIZE, Range.between(1, 100_000), Importance.MEDIUM,
                    "Mini-batch size.")
            .define(TRAIN_BPTT, Type.INT, 0, Range.between(0, 1_000), Importance.LOW,
                    "Truncated BPTT length in timesteps; 0 backpropagates through the whole window.")
            .define(TRAIN_OPTIMIZER, Type.STRING, "rmsprop", oneOf(TrainConfig.OptimizerKind.values()), Importance.MEDIUM,
                    "Optimiser.")
            .define(TRAIN_LR, Type.DOUBLE, DEFAULT_TRAIN_LR, FiniteRange.between(1e-9, 10.0), Importance.MEDIUM,
                    "Learning rate.")
            .define(TRAIN_CLIP, Type.DOUBLE, TrainConfig.DEFAULT_CLIP_NORM, FiniteRange.atLeast(0.0), Importance.LOW,
                    "Clip gradients to this global norm; 0 disables clipping.")
            .define(NORM_HALFLIFE, Type.INT, 50, Range.between(1, 10_000_000), Importance.LOW,
                    "Half-life in ticks of the exponentially weighted mean and variance of the value changes: the scale of the experts' losses and of the LSTM's inputs.")
            .define(INTERVAL_LEVEL, Type.DOUBLE, 0.9, FiniteRange.between(0.5, 0.999), Importance.MEDIUM,
                    "Nominal coverage of the prediction intervals.")
            .define(ANOMALY_LEVEL, Type.DOUBLE, 0.99, FiniteRange.between(0.5, 0.9999), Importance.MEDIUM,
                    "A tick is flagged an anomaly when its conformal p-value against the one-step forecast is at most"
                            + " 1 - anomaly.level; on ordinary data about that fraction of ticks is flagged. Needs"
                            + " interval.window of at least 1/(1 - anomaly.level) - 1 scores.")
            .define(SCORE_WINDOW, Type.INT, 250, Range.between(10, 100_000), Importance.LOW,
                    "Recent scored forecasts behind the rolling errors in every forecast record.")
            .define(STATE_CACHE_BYTES, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM,
                    "Bytes of decoded symbol state an instance keeps in memory (a symbol beyond it is decoded from the stores at its tick); 0: a quarter of the maximum heap.")
            .define(STATE_CHECKPOINT_TICKS, Type.INT, 128, Range.between(1, 100_000), Importance.LOW,
                    "Accepted ticks between checkpoints of a symbol's whole state; the ticks between are journaled (a small record each) and replayed when the state is loaded. 1: the whole state every tick, no journal.")
            .define(INTERVAL_WINDOW, Type.INT, 100, Range.between(11, 100_000), Importance.LOW,
                    "Recent scores of each horizon step behind its conformal interval; more than 1/(1 - interval.level).")
            .define(INTERVAL_GAMMA, Type.DOUBLE, 0.03, FiniteRange.between(0.0, 0.5), Importance.LOW,
                    "Step of adaptive conformal inference (Gibbs & Candes 2021): how fast the interval's level reacts to misses, for the one-step forecast; step h of the horizon uses interval.gamma / h. 0 fixes it.")
            .define(INTERVAL_HALFLIFE, Type.INT, 30, Range.between(1, 100_000), Importance.LOW,
                    "Half-life in ticks of the RMS of the one-step forecast's residuals that normalises the conformal scores; step h of the horizon uses h times it.")
            .define(SEASON_PERIOD, Type.INT, 0, Range.between(0, 2_000), Importance.MEDIUM,
                    "Seasonal period in ticks; 0 infers it from the spacing of the timestamps and from the recent values, and confirms it on the data; 1 means none.")
            .define(EXPERTS_LSTM, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Include the symbol's LSTM in its panel of experts.")
            .define(EXPERTS_STATISTICAL, Type.BOOLEAN, true, Importance.LOW,
                    "Include the statistical experts (seasonal naive, drift, exponential smoothing, autoregressions) in the panel; false leaves persistence and the LSTM.")
            .define(BREAKS_MODE, Type.STRING, "cusum", ValidString.in("cusum", "chow"), Importance.MEDIUM,
                    "Break detector. cusum: sequential monitoring with a false-alarm guarantee, dated breaks with confidence intervals (docs/breaks.md); chow: the rolling Chow test of the chow.* keys.")
            .define(BREAKS_ALPHA, Type.DOUBLE, MonitorConfig.DEFAULT_ALPHA, FiniteRange.between(1e-6, 0.5), Importance.MEDIUM,
                    "cusum: probability of any false alarm within breaks.horizon monitored ticks of a series without breaks.")
            .define(BREAKS_HORIZON, Type.INT, MonitorConfig.DEFAULT_HORIZON, Range.between(10, 10_000_000), Importance.MEDIUM,
                    "cusum: ticks over which breaks.alpha holds.")
            .define(BREAKS_HISTORY, Type.INT, MonitorConfig.DEFAULT_HISTORY, Range.between(6, 100_000), Importance.MEDIUM,
                    "cusum: rows of a new regime fitted before it is monitored; at least the regressors + 2.")
            .define(BREAKS_LAGS, Type.INT, MonitorConfig.DEFAULT_LAGS, Range.between(0, MonitorConfig.MAX_LAGS), Importance.LOW,
                    "cusum: autoregressive lags of the monitored regression (with the intercept, and lags m and m + 1 while a seasonal period m is in use).")
            .define(BREAKS_SHIFT, Type.DOUBLE, MonitorConfig.DEFAULT_SHIFT, FiniteRange.between(0.05, 10.0), Importance.LOW,
                    "cusum: the shift of the standardised one-step residuals, in standard deviations, the CUSUM is tuned to detect fastest (reference value shift/2).")
            .define(BREAKS_WINDOW, Type.INT, MonitorConfig.DEFAULT_WINDOW, Range.between(24, 100_000), Importance.LOW,
                    "cusum: most rows of a regime (the latest) searched for the break's date.")
            .define(BREAKS_LEVEL, Type.DOUBLE, MonitorConfig.DEFAULT_LEVEL, FiniteRange.between(0.5, 0.999), Importance.LOW,
                    "cusum: confidence level of the break date's interval (Bai 1997).")
            .define(BREAKS_BEND, Type.BOOLEAN, true, Importance.LOW,
                    "cusum: dismiss an alarm that a bend (a cubic trend) explains as well as a break (a jump and a change of slope at the dated split) on the values around the split: a smooth curve is not a break (docs/breaks.md).")
            .define(BREAKS_REACT, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Off by default: on the development series it costs more than it gains (docs/breaks.md). On a break signal the forecaster adapts: its experts restart on the data since the estimated break, the aggregation's weights and the interval's residuals of the old regime are dropped.")
            .define(CHOW_LAGS, Type.INT, ChowConfig.DEFAULT_LAGS, Range.between(1, ChowConfig.MAX_K), Importance.MEDIUM,
                    "Lagged values used as regressors in the Chow test; with the intercept at most " + ChowConfig.MAX_K
                            + " regressors.")
            .define(CHOW_INTERCEPT, Type.BOOLEAN, ChowConfig.DEFAULT_INTERCEPT, Importance.LOW,
                    "Add an intercept column to the Chow regressions (false: the notebook's test exactly).")
            .define(CHOW_WINDOW, Type.INT, ChowConfig.DEFAULT_WINDOW, Range.between(8, ChowConfig.MAX_WINDOW), Importance.MEDIUM,
                    "(x, y) pairs in the rolling Chow window.")
            .define(CHOW_MODE, Type.STRING, lower(ChowConfig.DEFAULT_MODE), oneOf(ChowMode.values()), Importance.MEDIUM,
                    "fixed: breakpoint at the window's middle; scan: sup-F over all breakpoints in the trimmed range.")
            .define(CHOW_ALPHA, Type.DOUBLE, ChowConfig.DEFAULT_ALPHA, FiniteRange.between(1e-6, 0.5), Importance.MEDIUM,
                    "Significance level of the Chow test.")
            .define(CHOW_TRIM, Type.DOUBLE, ChowConfig.DEFAULT_TRIM, FiniteRange.between(0.01, 0.49), Importance.LOW,
                    "Fraction trimmed at each end of the window in scan mode.")
            .define(CHOW_EMIT, Type.STRING, "signals", ValidString.in("signals", "all"), Importance.LOW,
                    "signals: write break signals only; all: also every tick's statistic.")
            .define(HTTP_HOST, Type.STRING, "127.0.0.1", Importance.MEDIUM,
                    "Address of the HTTP server (metrics and queries); 0.0.0.0 listens on all interfaces.")
            .define(HTTP_PORT, Type.INT, 9400, Range.between(0, 65_535), Importance.MEDIUM,
                    "Port of the HTTP server; 0 picks a free port.")
            .define(HTTP_HISTORY_SIZE, Type.INT, 256, Range.between(2, 10_000), Importance.LOW,
                    "Recent ticks per symbol kept in memory for the live page's charts (/symbols/{s}/history): value, "
                            + "one-step forecast and interval, experts' weights; 40 + 4 bytes per expert each.")
            .define(HTTP_HISTORY_SYMBOLS, Type.INT, 1_000, Range.between(0, 1_000_000), Importance.LOW,
                    "Symbols with such a history: the first to tick; opening a symbol's page admits it in place of "
                            + "the least recently viewed.")
            .define(HTTP_OVERVIEW_SYMBOLS, Type.INT, 100_000, Range.between(0, 10_000_000), Importance.LOW,
                    "Symbols whose latest forecast is kept in memory for the live page's overview "
                            + "(/symbols?limit=...), about 500 bytes each; the first to tick.")
            .define(METRICS_SYMBOLS_MAX, Type.INT, 100, Range.between(0, 100_000), Importance.LOW,
                    "Symbols that get their own metric labels (first come); the rest are aggregated as 'other'.");

    private final Map<String, Object> originals;

    private TickcastConfig(Map<?, ?> props) {
        super(DEF, props, false);
        this.originals = new LinkedHashMap<>();
        props.forEach((k, v) -> originals.put(String.valueOf(k), v));
    }

    /** Defaults only. */
    public static TickcastConfig defaults() {
        return parse(Map.of());
    }

    /**
     * A copy with some keys replaced; validated like any other.
     *
     * @throws IllegalArgumentException naming the bad key and what it accepts
     */
    public TickcastConfig with(Map<String, ?> overrides) {
        Map<String, Object> merged = new HashMap<>(originals);
        merged.putAll(overrides);
        return parse(merged);
    }

    public boolean embedded() {
        return getString(BOOTSTRAP_SERVERS).isBlank();
    }

    /**
     * What Kafka Streams is started with: every key given that tickcast does not declare, passed through
     * unchanged, plus the declared Kafka keys (application id, bootstrap servers, processing guarantee).
     */
    public Map<String, Object> streamsProperties() {
        Map<String, Object> props = new HashMap<>();
        originals.forEach((k, v) -> {
            if (!DEF.configKeys().containsKey(k)) {
                props.put(k, v);
            }
        });
        props.put(APPLICATION_ID, getString(APPLICATION_ID));
        props.put(PROCESSING_GUARANTEE, getString(PROCESSING_GUARANTEE));
        if (!embedded()) {
            props.put(BOOTSTRAP_SERVERS, getString(BOOTSTRAP_SERVERS));
        }
        return props;
    }

    /**
     * Parses and validates, turning Kafka's ConfigException into a message that names the key.
     *
     * @throws IllegalArgumentException naming the bad key and what it accepts
     */
    public static TickcastConfig parse(Map<?, ?> props) {
        try {
            TickcastConfig c = new TickcastConfig(props);
            c.crossValidate();
            return c;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad configuration: " + e.getMessage(), e);
        }
    }

    /** The rules that span keys; each names the key to change. */
    private void crossValidate() {
        // The smallest p-value with n scores is 1/(n + 1): the flag needs n + 1 >= 1/(1 - anomaly.level) (to rounding).
        long anomalyScores = (long) Math.ceil(1.0 / (1.0 - getDouble(ANOMALY_LEVEL)) - 1e-6) - 1;
        if (getInt(INTERVAL_WINDOW) < anomalyScores) {
            throw new ConfigException(ANOMALY_LEVEL, getDouble(ANOMALY_LEVEL), "needs interval.window of at least "
                    + anomalyScores + " scores (it is " + getInt(INTERVAL_WINDOW)
                    + "): with fewer, no p-value can be that small and nothing would ever be flagged");
        }
        int k = getInt(CHOW_LAGS) + (getBoolean(CHOW_INTERCEPT) ? 1 : 0);
        if (k > ChowConfig.MAX_K) {
            throw new ConfigException(CHOW_LAGS, getInt(CHOW_LAGS), "with chow.intercept=true at most "
                    + (ChowConfig.MAX_K - 1) + ": the Chow test's p-values cover at most " + ChowConfig.MAX_K + " regressors");
        }
        if (getInt(CHOW_WINDOW) <= 2 * k) {
            throw new ConfigException(CHOW_WINDOW, getInt(CHOW_WINDOW),
                    "must exceed 2k, twice the number of Chow regressors (chow.lags + intercept)");
        }
        int regressors = 1 + getInt(BREAKS_LAGS) + 2;
        if (getInt(BREAKS_HISTORY) < regressors + 2) {
            throw new ConfigException(BREAKS_HISTORY, getInt(BREAKS_HISTORY), "must be at least " + (regressors + 2)
                    + " with breaks.lags=" + getInt(BREAKS_LAGS) + " (the regressors, seasonal lags included, + 2)");
        }
        int datingWindow = 4 * (regressors + 2);
        if (getInt(BREAKS_WINDOW) < datingWindow) {
            throw new ConfigException(BREAKS_WINDOW, getInt(BREAKS_WINDOW), "must be at least " + datingWindow
                    + " (four minimal segments of the dating)");
        }
        long training = (long) getInt(TRAIN_BUFFER) * (getInt(MODEL_TIMESTEPS) + getInt(MODEL_HORIZON));
        if (training > MAX_TRAINING_VALUES) {
            throw new ConfigException(TRAIN_BUFFER, getInt(TRAIN_BUFFER), "times (model.timesteps + model.horizon) is "
                    + training + " values per fine-tuning call, more than " + MAX_TRAINING_VALUES
                    + "; lower train.buffer or model.timesteps");
        }
        int minWindow = (int) Math.ceil(1.0 / (1.0 - getDouble(INTERVAL_LEVEL)) - 1e-9) + 1;
        if (getInt(INTERVAL_WINDOW) < minWindow) {
            throw new ConfigException(INTERVAL_WINDOW, getInt(INTERVAL_WINDOW), "must be at least " + minWindow
                    + " at interval.level=" + getDouble(INTERVAL_LEVEL) + " (the interval adapts after "
                    + (minWindow - 1) + " scores)");
        }
        long parameters = lstmConfig().parameterCount();
        if (parameters > MAX_MODEL_PARAMETERS) {
            throw new ConfigException(MODEL_HIDDEN, getInt(MODEL_HIDDEN), "with model.layers=" + getInt(MODEL_LAYERS)
                    + " the LSTM has " + parameters + " parameters, more than " + MAX_MODEL_PARAMETERS
                    + "; lower model.hidden or model.layers");
        }
    }

    // ---------------------------------------------------------------- the domain settings

    /** The decoded-state cache's budget in bytes: {@code state.cache.bytes}, or a quarter of the maximum heap. */
    public long stateCacheBytes() {
        long b = getLong(STATE_CACHE_BYTES);
        return b > 0 ? b : Math.max(1, Runtime.getRuntime().maxMemory() / 4);
    }

    /** The LSTM of every symbol: {@code model.*}, with the expert's six inputs per timestep. */
    public LstmConfig lstmConfig() {
        return LstmConfig.builder()
                .inputSize(INPUT_FEATURES)
                .hiddenSize(getInt(MODEL_HIDDEN))
                .layers(getInt(MODEL_LAYERS))
                .horizon(getInt(MODEL_HORIZON))
                .peepholes(getBoolean(MODEL_PEEPHOLES))
                .activation(Activation.valueOf(upper(MODEL_ACTIVATION)))
                .build();
    }

    /** Fine-tuning, {@code train.*}; the optimisers' decay rates and epsilon are the domain's (Keras's) defaults. */
    public TrainConfig trainConfig() {
        return TrainConfig.builder()
                .optimizer(TrainConfig.OptimizerKind.valueOf(upper(TRAIN_OPTIMIZER)))
                .learningRate(getDouble(TRAIN_LR))
                .epochs(getInt(TRAIN_EPOCHS))
                .batchSize(getInt(TRAIN_BATCH))
                .bpttSteps(getInt(TRAIN_BPTT))
                .clipNorm(getDouble(TRAIN_CLIP))
                .build();
    }

    /** The rolling Chow test of every symbol, {@code chow.*}. */
    public ChowConfig chowConfig() {
        return ChowConfig.builder()
                .lags(getInt(CHOW_LAGS))
                .intercept(getBoolean(CHOW_INTERCEPT))
                .window(getInt(CHOW_WINDOW))
                .mode(ChowMode.valueOf(upper(CHOW_MODE)))
                .alpha(getDouble(CHOW_ALPHA))
                .trim(getDouble(CHOW_TRIM))
                .build();
    }

    /**
     * The break monitor of every symbol, {@code breaks.*}, for seasonal periods up to {@code maxPeriod}; computes its
     * CUSUM threshold (a fraction of a second).
     */
    /** The unit of a tick's numeric {@code ts} ({@code ticks.ts.unit}). */
    public TimestampUnit timestampUnit() {
        return TimestampUnit.of(getString(TICKS_TS_UNIT));
    }

    public MonitorConfig monitorConfig(int maxPeriod) {
        return MonitorConfig.of(getInt(BREAKS_LAGS), getInt(BREAKS_HISTORY), getDouble(BREAKS_ALPHA),
                getInt(BREAKS_HORIZON), getDouble(BREAKS_SHIFT), getInt(BREAKS_WINDOW), getDouble(BREAKS_LEVEL),
                maxPeriod).withBend(getBoolean(BREAKS_BEND));
    }

    private String upper(String key) {
        return getString(key).toUpperCase(Locale.ROOT);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The names of an enum's constants, in lower case, as the accepted values of a key. */
    private static ValidString oneOf(Enum<?>[] values) {
        return ValidString.in(Arrays.stream(values).map(TickcastConfig::lower).toArray(String[]::new));
    }

    // ---------------------------------------------------------------- the declared keys

    /** The declared keys by name, in declaration order (read-only). */
    public static Map<String, ConfigDef.ConfigKey> configKeys() {
        return Collections.unmodifiableMap(DEF.configKeys());
    }

    /** The command that writes {@link #markdownReference()} to {@code docs/configuration.md}. */
    public static final String REFERENCE_COMMAND = "./tickcast config --keys --markdown > docs/configuration.md";

    /**
     * The configuration reference, {@code docs/configuration.md}: every declared key with its type, default, valid
     * values, importance and doc string, grouped by the prefix before its first dot (the keys whose prefix no other
     * key shares first, under "General"), each group in declaration order.
     */
    public static String markdownReference() {
        Map<String, java.util.List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        Map<String, Integer> perPrefix = new HashMap<>();
        DEF.configKeys().values().forEach(k -> perPrefix.merge(prefix(k.name), 1, Integer::sum));
        groups.put("General", new java.util.ArrayList<>());
        for (ConfigDef.ConfigKey k : DEF.configKeys().values()) {
            String p = prefix(k.name);
            String group = perPrefix.get(p) > 1 ? "`" + p + ".*`" : "General";
            groups.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add(k);
        }
        StringBuilder sb = new StringBuilder("# Configuration reference\n\n")
                .append("Every key tickcast declares, generated from the declarations (`config.TickcastConfig`) by\n")
                .append("`").append(REFERENCE_COMMAND).append("`;\n")
                .append("do not edit it by hand: `ConfigurationDocTest` fails when this file differs from what the command"
                        + " prints.\n\n")
                .append("Sources, later wins: the defaults below, `--config FILE`, environment variables `TICKCAST_<KEY>`"
                        + " (upper case,\ndots as underscores: `TICKCAST_TRAIN_EVERY=16`), `--set key=value`,"
                        + " `--bootstrap`. Any Kafka client or Streams key\n(TLS, SASL, `num.stream.threads`,"
                        + " `state.dir`, ...) passes through unchanged; an unknown key is an error\n"
                        + "([operations.md](operations.md#running-against-a-kafka-cluster)). `./tickcast config` prints"
                        + " the effective configuration.\n\n")
                .append("Importance: high, the keys most deployments set or review; medium, tuning; low, rarely"
                        + " changed.\n");
        groups.forEach((group, keys) -> {
            sb.append("\n## ").append(group).append("\n\n")
                    .append("| key | type | default | valid values | importance | description |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey k : keys) {
                String def = k.defaultValue == null ? "" : String.valueOf(k.defaultValue);
                String valid = k.validator == null ? "" : String.valueOf(k.validator);
                sb.append("| `").append(k.name).append("` | ").append(lower(k.type)).append(" | ")
                        .append(def.isEmpty() ? "(empty)" : "`" + def + "`").append(" | ").append(cell(valid))
                        .append(" | ").append(lower(k.importance)).append(" | ").append(cell(k.documentation))
                        .append(" |\n");
            }
        });
        return sb.toString();
    }

    private static String prefix(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** A Markdown table of the declared keys ({@code tickcast config --keys}). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| key | default | valid values | description |\n|---|---|---|---|\n");
        for (ConfigDef.ConfigKey k : DEF.configKeys().values()) {
            String def = k.defaultValue == null ? "" : String.valueOf(k.defaultValue);
            String valid = k.validator == null ? "" : String.valueOf(k.validator);
            sb.append("| `").append(k.name).append("` | `").append(def).append("` | ")
                    .append(valid.replace("|", "\\|")).append(" | ").append(k.documentation).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * A {@link Range} of finite numbers: Kafka's range lets NaN through (every comparison with NaN is
     * false), and {@code Infinity} through an open-ended one, which the domain classes then reject when
     * the topology is built.
     */
    private static final class FiniteRange implements ConfigDef.Validator {
        private final Range range;

        private FiniteRange(Range range) {
            this.range = range;
        }

        static FiniteRange between(double min, double max) {
            return new FiniteRange(Range.between(min, max));
        }

        static FiniteRange atLeast(double min) {
            return new FiniteRange(Range.atLeast(min));
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
                throw new ConfigException(name, value, "must be a finite number");
            }
            range.ensureValid(name, value);
        }

        @Override
        public String toString() {
            return range.toString();
        }
    }
}
