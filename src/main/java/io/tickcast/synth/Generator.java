package io.tickcast.synth;

import io.tickcast.csv.TickCsv;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic tick streams with known regime breaks — pure and deterministic (seeded {@link SplittableRandom},
 * one split stream per symbol), no Kafka.
 *
 * <ul>
 *   <li>{@code sensor}: {@code level + amplitude·sin(2π·(t + phase)/period) + drift·t + shift + sd·e_t}, with
 *       {@code e_t = φ·e_{t-1} + z_t}, {@code z_t ~ N(0,1)}.</li>
 *   <li>{@code price}: geometric Brownian motion per step, {@code log(S_t/S_{t-1}) = (μ + shift) − σ²/2 + σ·e_t},
 *       with the same AR(1) noise {@code e_t} (white by default).</li>
 * </ul>
 *
 * Breaks at tick index {@code at} change the regime from that tick on, for every symbol: {@code mean} shifts
 * the mean by {@code size} noise standard deviations (sensor: the level; price: the per-step log-return),
 * {@code variance} multiplies the noise standard deviation by {@code size}, {@code ar} sets the AR(1)
 * coefficient of the noise to {@code size}.
 */
public final class Generator {

    public enum Kind { SENSOR, PRICE }

    public enum BreakType { MEAN, VARIANCE, AR }

    /** A regime change at tick index {@code at} (0-based, per symbol). */
    public record Break(int at, BreakType type, double size) {

        /** Parses {@code AT:TYPE:SIZE}, e.g. {@code 500:mean:5}. */
        public static Break parse(String s) {
            String[] f = s.trim().split(":");
            if (f.length != 3) {
                throw new IllegalArgumentException("--break expects AT:TYPE:SIZE (e.g. 500:mean:5), got '" + s + "'");
            }
            int at;
            double size;
            BreakType type;
            try {
                at = Integer.parseInt(f[0].trim());
                size = Double.parseDouble(f[2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--break '" + s + "': AT must be a tick index and SIZE a number");
            }
            try {
                type = BreakType.valueOf(f[1].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--break '" + s + "': TYPE must be mean, variance or ar");
            }
            if (at < 1) {
                throw new IllegalArgumentException("--break '" + s + "': AT must be a tick index ≥ 1");
            }
            if (!Double.isFinite(size) || type == BreakType.VARIANCE && size <= 0) {
                throw new IllegalArgumentException("--break '" + s + "': SIZE must be finite (and > 0 for variance)");
            }
            if (type == BreakType.AR && Math.abs(size) >= 1) {
                throw new IllegalArgumentException("--break '" + s + "': an AR(1) coefficient must be in (-1, 1)");
            }
            return new Break(at, type, size);
        }
    }

    /**
     * What to generate.
     *
     * @param noise     sensor: noise standard deviation
     * @param drift     sensor: trend per tick; price: mean log-return per step (μ)
     * @param vol       price: standard deviation of the log-returns per step (σ)
     * @param level     sensor: base level; price: start price
     * @param amplitude sensor: amplitude of the seasonal sine
     * @param period    sensor: period of the sine in ticks
     * @param ar        AR(1) coefficient of the noise before any break
     */
    public record Spec(Kind kind, int symbols, int ticks, long seed, Instant start, TemporalAmount step,
                       double noise, double drift, double vol, double level, double amplitude, double period,
                       double ar, List<Break> breaks) {

        public Spec {
            if (symbols < 1 || ticks < 1) {
                throw new IllegalArgumentException("--symbols and --ticks must be ≥ 1");
            }
            if (period <= 0) {
                throw new IllegalArgumentException("--period must be > 0");
            }
            if (noise < 0 || vol < 0) {
                throw new IllegalArgumentException("--noise and --vol must be ≥ 0");
            }
            if (Math.abs(ar) >= 1) {
                throw new IllegalArgumentException("--ar must be in (-1, 1)");
            }
            breaks = breaks.stream().sorted(Comparator.comparingInt(Break::at)).toList();
            for (Break b : breaks) {
                if (b.at() >= ticks) {
                    throw new IllegalArgumentException("a break at tick " + b.at() + " is beyond --ticks " + ticks);
                }
            }
        }

        /** Defaults: 1 symbol, 1000 ticks, seed 42, from 2024-01-01 every minute. */
        public static Spec of(Kind kind) {
            return new Spec(kind, 1, 1000, 42, Instant.parse("2024-01-01T00:00:00Z"), Duration.ofMinutes(1),
                    1.0, 0.0, 0.01, kind == Kind.PRICE ? 100.0 : 20.0, 5.0, 96, 0.0, List.of());
        }

        public Spec withSymbols(int n) {
            return new Spec(kind, n, ticks, seed, start, step, noise, drift, vol, level, amplitude, period, ar, breaks);
        }

        public Spec withTicks(int n) {
            return new Spec(kind, symbols, n, seed, start, step, noise, drift, vol, level, amplitude, period, ar, breaks);
        }

        public Spec withSeed(long s) {
            return new Spec(kind, symbols, ticks, s, start, step, noise, drift, vol, level, amplitude, period, ar, breaks);
        }

        public Spec withNoise(double n, double d, double v) {
            return new Spec(kind, symbols, ticks, seed, start, step, n, d, v, level, amplitude, period, ar, breaks);
        }

        public Spec withBreaks(List<Break> b) {
            return new Spec(kind, symbols, ticks, seed, start, step, noise, drift, vol, level, amplitude, period, ar, b);
        }

        /** Timestamp of tick {@code i} (epoch ms). */
        public long ts(int i) {
            if (step instanceof Duration d) {
                return start.plus(d.multipliedBy(i)).toEpochMilli();
            }
            return start.atOffset(ZoneOffset.UTC).plus(((Period) step).multipliedBy(i)).toInstant().toEpochMilli();
        }

        public String symbol(int s) {
            return String.format(Locale.ROOT, "SYN%03d", s + 1);
        }
    }

    /** One generated tick. */
    public record Point(String symbol, int index, long ts, double value) {
        public TickCsv.Row row() {
            return new TickCsv.Row(index + 2, symbol, Long.toString(ts), format(value));
        }
    }

    /** One line of the ground truth. */
    public record Truth(String symbol, long ts, String kind, double size, int tickIndex) {
    }

    private Generator() {
    }

    /** The values of symbol {@code s} (0-based). */
    public static double[] series(Spec spec, int s) {
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom rnd = root.split();
        for (int i = 0; i < s; i++) {
            rnd = root.split();
        }
        double phase = rnd.nextDouble() * spec.period();
        double[] out = new double[spec.ticks()];
        double shift = 0;
        double scale = 1;
        double phi = spec.ar();
        double e = 0;
        double logPrice = Math.log(spec.level());
        int nextBreak = 0;
        for (int t = 0; t < spec.ticks(); t++) {
            while (nextBreak < spec.breaks().size() && spec.breaks().get(nextBreak).at() == t) {
                Break b = spec.breaks().get(nextBreak++);
                switch (b.type()) {
                    case MEAN -> shift += b.size();
                    case VARIANCE -> scale *= b.size();
                    case AR -> phi = b.size();
                }
            }
            e = phi * e + Gaussian.next(rnd);
            if (spec.kind() == Kind.SENSOR) {
                double sd = spec.noise() * scale;
                out[t] = spec.level() + spec.amplitude() * Math.sin(2 * Math.PI * (t + phase) / spec.period())
                        + spec.drift() * t + shift * spec.noise() + sd * e;
            } else {
                double sigma = spec.vol() * scale;
                if (t > 0) {
                    logPrice += Gbm.logReturn(spec.drift() + shift * spec.vol(), sigma, e);
                }
                out[t] = Math.exp(logPrice);
            }
        }
        return out;
    }

    /** All symbols' ticks interleaved by time (tick 0 of every symbol, then tick 1, ...). */
    public static List<Point> generate(Spec spec) {
        double[][] all = new double[spec.symbols()][];
        for (int s = 0; s < spec.symbols(); s++) {
            all[s] = series(spec, s);
        }
        List<Point> out = new ArrayList<>(spec.symbols() * spec.ticks());
        for (int t = 0; t < spec.ticks(); t++) {
            long ts = spec.ts(t);
            for (int s = 0; s < spec.symbols(); s++) {
                out.add(new Point(spec.symbol(s), t, ts, all[s][t]));
            }
        }
        return out;
    }

    /** The breaks of every symbol, in the order of the symbols. */
    public static List<Truth> truth(Spec spec) {
        List<Truth> out = new ArrayList<>();
        for (int s = 0; s < spec.symbols(); s++) {
            for (Break b : spec.breaks()) {
                out.add(new Truth(spec.symbol(s), spec.ts(b.at()), b.type().name().toLowerCase(Locale.ROOT), b.size(), b.at()));
            }
        }
        return out;
    }

    /** Tick CSV {@code symbol,ts,value} with ISO-8601 timestamps. */
    public static void writeCsv(List<Point> points, Writer w) throws IOException {
        w.write("symbol,ts,value\n");
        boolean daily = points.stream().allMatch(p -> p.ts() % DAY == 0);
        for (Point p : points) {
            w.write(p.symbol() + "," + iso(p.ts(), daily) + "," + format(p.value()) + "\n");
        }
    }

    /** {@code symbol,ts,kind,size,tick_index}, readable by {@link BreakTruth#read}. */
    public static void writeTruth(List<Truth> truth, Writer w) throws IOException {
        w.write("symbol,ts,kind,size,tick_index\n");
        boolean daily = truth.stream().allMatch(t -> t.ts() % DAY == 0);
        for (Truth t : truth) {
            w.write(t.symbol() + "," + iso(t.ts(), daily) + "," + t.kind() + "," + t.size() + "," + t.tickIndex() + "\n");
        }
    }

    private static final long DAY = 86_400_000L;

    /** ISO-8601: a date (daily series at midnight UTC) or an instant. */
    static String iso(long ts, boolean daily) {
        Instant i = Instant.ofEpochMilli(ts);
        return daily ? LocalDate.ofInstant(i, ZoneOffset.UTC).toString() : i.toString();
    }

    static String format(double v) {
        return Double.toString(Math.round(v * 1e6) / 1e6);
    }

    /** Parses an ISO date, date-time or instant (UTC when no offset is given). */
    public static Instant parseStart(String s) {
        String t = s.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start '" + s + "': expected an ISO date or date-time, e.g. 2024-01-01 or 2024-01-01T09:30:00Z");
        }
    }

    /** Parses an ISO-8601 duration ({@code PT1M}, {@code PT0.5S}, {@code P1D}) or period ({@code P1M}, {@code P1W}). */
    public static TemporalAmount parseStep(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        try {
            Duration d = Duration.parse(t);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("--step must be positive, got " + s);
            }
            return d;
        } catch (DateTimeParseException e) {
            try {
                Period p = Period.parse(t);
                if (p.isNegative() || p.isZero()) {
                    throw new IllegalArgumentException("--step must be positive, got " + s);
                }
                return p;
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("--step '" + s + "': expected an ISO-8601 duration such as PT1M, PT1H or P1D");
            }
        }
    }
}
