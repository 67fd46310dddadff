package io.tickcast.serde;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Writes the topology's {@link Output} records field by field with a streaming generator, sparing every output
 * record the mapper's reflective bean serialization. The bytes are the mapper's exactly
 * ({@code Json.mapper().writeValueAsBytes}): the record components in declaration order, snake_case names,
 * null fields left out (the {@link Json} mapper's {@code SNAKE_CASE} and {@code NON_NULL}), values through the
 * same generator methods. A new component must be added here too; {@code OutputWriterTest} compares the two on
 * random records and fails until it is. A record holding NaN or an infinity is refused ({@link Outputs}): where the
 * mapper writes them as strings, this writer throws. Doubles are written by {@link ShortestDouble} straight into the
 * generator (the characters of the mapper's Schubfach writer, {@link Json}) without a {@code String} per number.
 */
final class OutputWriter {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    /** The field names, quoted and encoded once, as the mapper's property writers hold them. */
    private enum Name {
        SYMBOL, TS, VALUE, STEPS, SOURCE, WARMUP, TICKS, UPDATES, TRAIN_LOSS, SCORE, PERIOD, EXPERTS, GAIN, ANOMALY, FLAG,
        STEP, FORECAST, LOWER, UPPER, PERSISTENCE,
        N, RMSE, MAE, PERSISTENCE_RMSE, PERSISTENCE_MAE, COVERAGE, LEVEL,
        BREAK_TS, F, F_CRIT, P_VALUE, ALPHA, WINDOW, K, MODE, SIGNAL, BREAK_LOWER_TS, BREAK_UPPER_TS, CUSUM, CUSUM_CRIT,
        STATISTIC, THRESHOLD, CHANGE, KIND, BEFORE, AFTER, SLOPE, SD, DISMISSED,
        REASON, DETAIL, TOPIC, PARTITION, OFFSET, KEY, VALUE_BASE64, KEY_BASE64, KEY_BYTES, KEY_SHA256, VALUE_BYTES,
        VALUE_SHA256;

        final SerializableString json = new SerializedString(name().toLowerCase(Locale.ROOT));
    }

    /** A double formatter per thread (the stream threads, the HTTP server's), reused for every number. */
    private static final ThreadLocal<ShortestDouble> DOUBLES = ThreadLocal.withInitial(ShortestDouble::new);

    private OutputWriter() {
    }

    /** The record as UTF-8 JSON, as {@code Json.mapper().writeValueAsBytes(output)} writes it. */
    static byte[] toBytes(Output output) {
        // Into a buffer reused by the thread, then copied once to the record's exact size: a growing builder of
        // blocks, then their concatenation, cost three times the record's bytes at horizon 48.
        Sink bytes = SINKS.get();
        bytes.reset();
        try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            if (output instanceof Forecast f) {
                write(g, f);
            } else if (output instanceof BreakSignal b) {
                write(g, b);
            } else {
                write(g, (DeadLetter) output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does no I/O
        }
        return bytes.toByteArray();
    }

    /** A byte sink reused by its thread: only {@link #toByteArray} allocates (but when it grows). */
    private static final class Sink extends java.io.OutputStream {
        private byte[] buf = new byte[4096];
        private int count;

        void reset() {
            count = 0;
            if (buf.length > 1 << 20) {
                buf = new byte[4096]; // not kept for one huge record (a dead letter's value)
            }
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(2 * buf.length, count + more));
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }
    }

    private static final ThreadLocal<Sink> SINKS = ThreadLocal.withInitial(Sink::new);

    private static void write(JsonGenerator g, Forecast f) throws IOException {
        g.writeStartObject();
        string(g, Name.SYMBOL, f.symbol());
        number(g, Name.TS, f.ts());
        number(g, Name.VALUE, f.value());
        if (f.steps() != null) {
            g.writeFieldName(Name.STEPS.json);
            g.writeStartArray();
            if (f.steps() instanceof Forecast.Steps steps) {
                write(g, steps); // from the arrays, no Step objects
            } else {
                for (Forecast.Step s : f.steps()) {
                    write(g, s);
                }
            }
            g.writeEndArray();
        }
        string(g, Name.SOURCE, f.source());
        g.writeFieldName(Name.WARMUP.json);
        g.writeBoolean(f.warmup());
        number(g, Name.TICKS, f.ticks());
        number(g, Name.UPDATES, f.updates());
        number(g, Name.TRAIN_LOSS, f.trainLoss());
        if (f.score() != null) {
            g.writeFieldName(Name.SCORE.json);
            write(g, f.score());
        }
        if (f.period() != null) {
            number(g, Name.PERIOD, f.period().longValue());
        }
        if (f.experts() != null) {
            g.writeFieldName(Name.EXPERTS.json);
            g.writeStartObject();
            if (f.experts() instanceof ExpertWeights w) {
                for (int i = 0; i < w.size(); i++) { // the same fields from the primitives, no boxing
                    g.writeFieldName(w.name(i));
                    writeDouble(g, finite(w.name(i), w.weight(i)));
                }
            } else {
                for (java.util.Map.Entry<String, Double> e : f.experts().entrySet()) {
                    if (e.getValue() != null) { // as the mapper: null entries are left out
                        g.writeFieldName(e.getKey());
                        writeDouble(g, finite(e.getKey(), e.getValue()));
                    }
                }
            }
            g.writeEndObject();
        }
        number(g, Name.GAIN, f.gain());
        if (f.anomaly() != null) {
            g.writeFieldName(Name.ANOMALY.json);
            g.writeStartObject();
            number(g, Name.P_VALUE, f.anomaly().pValue());
            g.writeFieldName(Name.FLAG.json);
            g.writeBoolean(f.anomaly().flag());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, Forecast.Step s) throws IOException {
        if (s == null) { // the mapper writes a list's null elements
            g.writeNull();
            return;
        }
        g.writeStartObject();
        number(g, Name.STEP, s.step());
        number(g, Name.FORECAST, s.forecast());
        number(g, Name.LOWER, s.lower());
        number(g, Name.UPPER, s.upper());
        number(g, Name.PERSISTENCE, s.persistence());
        if (s.ts() != null) {
            number(g, Name.TS, s.ts().longValue());
        }
        g.writeEndObject();
    }

    /** The same bytes as {@link #write(JsonGenerator, Forecast.Step)} of each step. */
    private static void write(JsonGenerator g, Forecast.Steps steps) throws IOException {
        for (int h = 0; h < steps.size(); h++) {
            g.writeStartObject();
            number(g, Name.STEP, h + 1);
            number(g, Name.FORECAST, steps.forecast(h));
            number(g, Name.LOWER, steps.lower(h));
            number(g, Name.UPPER, steps.upper(h));
            number(g, Name.PERSISTENCE, steps.persistence());
            if (steps.timed()) {
                number(g, Name.TS, steps.targetTs(h));
            }
            g.writeEndObject();
        }
    }

    private static void write(JsonGenerator g, Forecast.Score s) throws IOException {
        g.writeStartObject();
        number(g, Name.N, s.n());
        number(g, Name.RMSE, s.rmse());
        number(g, Name.MAE, s.mae());
        number(g, Name.PERSISTENCE_RMSE, s.persistenceRmse());
        number(g, Name.PERSISTENCE_MAE, s.persistenceMae());
        number(g, Name.COVERAGE, s.coverage());
        number(g, Name.LEVEL, s.level());
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, BreakSignal b) throws IOException {
        g.writeStartObject();
        string(g, Name.SYMBOL, b.symbol());
        number(g, Name.TS, b.ts());
        if (b.breakTs() != null) {
            number(g, Name.BREAK_TS, b.breakTs().longValue());
        }
        number(g, Name.F, b.f());
        number(g, Name.F_CRIT, b.fCrit());
        number(g, Name.P_VALUE, b.pValue());
        number(g, Name.ALPHA, b.alpha());
        number(g, Name.WINDOW, b.window());
        number(g, Name.K, b.k());
        string(g, Name.MODE, b.mode());
        g.writeFieldName(Name.SIGNAL.json);
        g.writeBoolean(b.signal());
        if (b.breakLowerTs() != null) {
            number(g, Name.BREAK_LOWER_TS, b.breakLowerTs().longValue());
        }
        if (b.breakUpperTs() != null) {
            number(g, Name.BREAK_UPPER_TS, b.breakUpperTs().longValue());
        }
        number(g, Name.CUSUM, b.cusum());
        number(g, Name.CUSUM_CRIT, b.cusumCrit());
        number(g, Name.STATISTIC, b.statistic());
        number(g, Name.THRESHOLD, b.threshold());
        if (b.change() != null) {
            BreakSignal.Change c = b.change();
            g.writeFieldName(Name.CHANGE.json);
            g.writeStartObject();
            string(g, Name.KIND, c.kind());
            write(g, Name.BEFORE, c.before());
            write(g, Name.AFTER, c.after());
            g.writeEndObject();
        }
        number(g, Name.SCORE, b.score());
        if (b.dismissed() != null) {
            g.writeFieldName(Name.DISMISSED.json);
            g.writeBoolean(b.dismissed());
        }
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, Name name, BreakSignal.Regime r) throws IOException {
        if (r == null) {
            return;
        }
        g.writeFieldName(name.json);
        g.writeStartObject();
        number(g, Name.LEVEL, r.level());
        number(g, Name.SLOPE, r.slope());
        number(g, Name.SD, r.sd());
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, DeadLetter d) throws IOException {
        g.writeStartObject();
        string(g, Name.REASON, d.reason());
        string(g, Name.DETAIL, d.detail());
        string(g, Name.TOPIC, d.topic());
        number(g, Name.PARTITION, d.partition());
        number(g, Name.OFFSET, d.offset());
        string(g, Name.KEY, d.key());
        string(g, Name.VALUE, d.value());
        string(g, Name.VALUE_BASE64, d.valueBase64());
        string(g, Name.KEY_BASE64, d.keyBase64());
        if (d.keyBytes() != null) {
            number(g, Name.KEY_BYTES, d.keyBytes().longValue());
        }
        string(g, Name.KEY_SHA256, d.keySha256());
        if (d.valueBytes() != null) {
            number(g, Name.VALUE_BYTES, d.valueBytes().longValue());
        }
        string(g, Name.VALUE_SHA256, d.valueSha256());
        g.writeEndObject();
    }

    /** A string field, left out when null. */
    private static void string(JsonGenerator g, Name name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name.json);
            g.writeString(value);
        }
    }

    /** An integral field ({@code int} or {@code long}: the digits are the same). */
    private static void number(JsonGenerator g, Name name, long value) throws IOException {
        g.writeFieldName(name.json);
        g.writeNumber(value);
    }

    /** @throws IllegalArgumentException for NaN or an infinity: JSON has no such number ({@link Outputs}) */
    private static void number(JsonGenerator g, Name name, double value) throws IOException {
        g.writeFieldName(name.json);
        writeDouble(g, finite(name.json.getValue(), value));
    }

    /** A finite double as the shortest decimal that reads back to it, as the mapper's fast writer writes it. */
    private static void writeDouble(JsonGenerator g, double value) throws IOException {
        ShortestDouble d = DOUBLES.get();
        int n = d.format(value);
        g.writeRawValue(d.chars(), 0, n);
    }

    private static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("output field '" + field + "' is " + value + ": JSON has no such number");
        }
        return value;
    }

    /** A boxed double field, left out when null. */
    private static void number(JsonGenerator g, Name name, Double value) throws IOException {
        if (value != null) {
            number(g, name, value.doubleValue());
        }
    }
}
