package io.tickcast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.config.TickcastConfig;
import io.tickcast.runtime.BootstrapCheck;
import io.tickcast.runtime.KafkaClients;
import io.tickcast.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code tickcast tail}: follow an output topic and print its records readably. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Follow an output topic (read_committed) and print one readable line per record:",
                "  forecasts: ts symbol value → forecast [lower, upper] (persistence p, source) | hN → ... per further step"
                        + " [; hN for ts: the last step's time, once the spacing is known]",
                "  breaks:    ts symbol mode statistic=… threshold=… [p=…] [SIGNAL break at date [lower, upper]"
                        + " change kind: level a → b, slope a → b, sd a → b, score=…]",
                "  dlq:       reason detail key value",
                "Starts at the end of the topic unless --from-beginning; Ctrl-C stops."},
        footer = {"", "Examples:", "  tickcast tail forecasts --bootstrap localhost:9092",
                "  tickcast tail breaks --bootstrap localhost:9092 --from-beginning --max 10",
                "  tickcast tail dlq --config tickcast.properties --json"})
public final class TailCommand implements Callable<Integer> {

    /** The output topics. */
    public enum Topic {
        forecasts(TickcastConfig.TOPIC_FORECASTS), breaks(TickcastConfig.TOPIC_BREAKS), dlq(TickcastConfig.TOPIC_DLQ);

        final String key;

        Topic(String key) {
            this.key = key;
        }
    }

    @Parameters(index = "0", paramLabel = "forecasts|breaks|dlq", description = "The topic to follow: ${COMPLETION-CANDIDATES}.")
    Topic topic;

    @Mixin
    ConfigOptions options;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers to read from (required here or as bootstrap.servers in --config).")
    String bootstrap;

    @Option(names = "--from-beginning", description = "Start at the beginning of the topic (default: only new records).")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    long max;

    @Option(names = "--json", description = "Print the raw JSON values.")
    boolean json;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Stop when no record arrives for this long (default: follow forever).")
    double idleTimeout;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TickcastConfig config = options.load(bootstrap);
        if (config.embedded()) {
            throw new IllegalArgumentException("tail needs a Kafka cluster: give --bootstrap HOST:PORT (or bootstrap.servers in --config)");
        }
        BootstrapCheck.require(config);
        String name = config.getString(topic.key);
        Properties p = KafkaClients.properties(config.getString(TickcastConfig.BOOTSTRAP_SERVERS), config);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean stop = new AtomicBoolean();
        long printed = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(name, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic '" + name + "' on " + config.getString(TickcastConfig.BOOTSTRAP_SERVERS));
            }
            List<TopicPartition> parts = new ArrayList<>();
            infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
            consumer.assign(parts);
            if (fromBeginning) {
                consumer.seekToBeginning(parts);
            } else {
                consumer.seekToEnd(parts);
            }
            parts.forEach(consumer::position);
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                stop.set(true);
                consumer.wakeup();
                try {
                    main.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            long lastRecord = System.nanoTime();
            try {
                while (!stop.get() && (max <= 0 || printed < max)) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    for (ConsumerRecord<String, String> rec : records) {
                        out.println(json ? rec.value() : format(topic, rec.key(), rec.value()));
                        printed++;
                        if (max > 0 && printed >= max) {
                            break;
                        }
                    }
                    out.flush();
                    if (!records.isEmpty()) {
                        lastRecord = System.nanoTime();
                    } else if (idleTimeout > 0 && System.nanoTime() - lastRecord > idleTimeout * 1e9) {
                        break;
                    }
                }
            } catch (WakeupException e) {
                // Ctrl-C
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down
                }
            }
        }
        out.flush();
        return 0;
    }

    /** One readable line for a record of the topic; the raw value when it is not the expected JSON. */
    static String format(Topic topic, String key, String value) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(value);
        } catch (Exception e) {
            return "(unparsable) " + key + " " + value;
        }
        if (n == null || !n.isObject()) {
            return "(unparsable) " + key + " " + value;
        }
        return switch (topic) {
            case forecasts -> forecast(n);
            case breaks -> breakLine(n);
            case dlq -> n.path("reason").asText("?") + " " + quoted(n.path("detail").asText("")) + " "
                    + raw(n, "key") + " " + raw(n, "value");
        };
    }

    /** A dead letter's key or value: its text, else base64, and when it was cut, its full length. */
    private static String raw(JsonNode n, String field) {
        String kept = n.hasNonNull(field) ? n.get(field).asText()
                : n.hasNonNull(field + "_base64") ? "base64:" + n.get(field + "_base64").asText() : "(no " + field + ")";
        return n.hasNonNull(field + "_bytes") ? kept + "… (" + n.get(field + "_bytes").asText() + " bytes)" : kept;
    }

    private static String forecast(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        sb.append(ts(n.path("ts"))).append(' ').append(n.path("symbol").asText()).append(' ').append(num(n.path("value")));
        JsonNode steps = n.path("steps");
        for (int i = 0; i < steps.size(); i++) {
            JsonNode s = steps.get(i);
            sb.append(i == 0 ? " → " : " | h").append(i == 0 ? "" : s.path("step").asText() + " → ")
                    .append(num(s.path("forecast"))).append(" [").append(num(s.path("lower"))).append(", ")
                    .append(num(s.path("upper"))).append(']');
            if (i == 0) {
                sb.append(" (persistence ").append(num(s.path("persistence"))).append(", ")
                        .append(n.path("source").asText("?"));
                sb.append(')');
            }
        }
        JsonNode last = steps.path(steps.size() - 1);
        if (last.hasNonNull("ts")) {
            sb.append("; h").append(last.path("step").asText()).append(" for ").append(ts(last.get("ts")));
        }
        if (n.path("anomaly").path("flag").asBoolean(false)) {
            sb.append(" ANOMALY (p ").append(num(n.path("anomaly").path("p_value"))).append(')');
        }
        return sb.toString();
    }

    /**
     * A break record: the mode, the statistic against its threshold (records from before them: the Chow test's F and
     * critical value, or the CUSUM and its threshold), the p-value where there is one; on a signal the break's date
     * with its interval, what changed (before → after) and the score; an alarm the bend check dismissed says so.
     * Undefined numbers say so, fields a mode does not have are left out.
     */
    static String breakLine(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        String mode = n.path("mode").asText("?");
        JsonNode statistic = first(n, "statistic", mode.equals("cusum") ? "cusum" : "f");
        JsonNode threshold = first(n, "threshold", mode.equals("cusum") ? "cusum_crit" : "f_crit");
        sb.append(ts(n.path("ts"))).append(' ').append(n.path("symbol").asText()).append(' ').append(mode)
                .append(" statistic=").append(statistic.isNumber() ? num(statistic) : "undefined");
        if (threshold.isNumber()) {
            sb.append(" threshold=").append(num(threshold));
        }
        if (n.path("p_value").isNumber()) {
            sb.append(" p=").append(num(n.get("p_value")));
        }
        if (n.path("signal").asBoolean(false)) {
            sb.append(" SIGNAL");
            if (n.hasNonNull("break_ts")) {
                sb.append(" break at ").append(ts(n.get("break_ts")));
                if (n.hasNonNull("break_lower_ts") || n.hasNonNull("break_upper_ts")) {
                    sb.append(" [").append(ts(n.path("break_lower_ts"))).append(", ")
                            .append(ts(n.path("break_upper_ts"))).append(']');
                }
            }
            String change = change(n.path("change"));
            if (change != null) {
                sb.append(" change ").append(change);
            }
            if (n.path("score").isNumber()) {
                sb.append(" score=").append(num(n.get("score")));
            }
        } else if (n.path("dismissed").asBoolean(false)) {
            sb.append(" alarm dismissed: a bend, not a break");
        }
        return sb.toString();
    }

    /** The first of the fields present as a number, else a missing node. */
    private static JsonNode first(JsonNode n, String... fields) {
        for (String f : fields) {
            if (n.path(f).isNumber()) {
                return n.get(f);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** "kind: level a → b, slope a → b, sd a → b" (members known on either side; '-' for an unknown side), or null. */
    static String change(JsonNode c) {
        if (!c.isObject()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(c.path("kind").asText("?"));
        String sep = ": ";
        for (String m : new String[] {"level", "slope", "sd"}) {
            JsonNode before = c.path("before").path(m);
            JsonNode after = c.path("after").path(m);
            if (before.isNumber() || after.isNumber()) {
                sb.append(sep).append(m).append(' ').append(num(before)).append(" → ").append(num(after));
                sep = ", ";
            }
        }
        return sb.toString();
    }

    /** ISO-8601: a date at midnight UTC, else an instant; the text itself when not epoch ms. */
    static String ts(JsonNode t) {
        if (!t.canConvertToLong()) {
            return t.isMissingNode() || t.isNull() ? "-" : t.asText();
        }
        long ms = t.asLong();
        Instant i = Instant.ofEpochMilli(ms);
        return ms % 86_400_000L == 0 ? LocalDate.ofInstant(i, ZoneOffset.UTC).toString() : i.toString();
    }

    /** Seven significant digits, no exponent, no trailing zeros; '-' when null. */
    static String num(JsonNode v) {
        if (!v.isNumber()) {
            return v.isMissingNode() || v.isNull() ? "-" : v.asText();
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d != 0 && Math.abs(d) < 1e-4) {
            return String.format(java.util.Locale.ROOT, "%.3e", d);
        }
        return new BigDecimal(d).round(new MathContext(7)).stripTrailingZeros().toPlainString();
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }
}
