package io.tickcast.cli;

import io.tickcast.backtest.BreakBench;
import io.tickcast.config.TickcastConfig;
import io.tickcast.forecast.Seasonality;
import io.tickcast.serde.Json;
import io.tickcast.stats.MonitorConfig;
import io.tickcast.synth.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tickcast bench breaks}: the break monitor's calibration, power and the forecaster's reaction, as JSON. */
@Command(name = "breaks", mixinStandardHelpOptions = true,
        description = {"The break monitor (breaks.mode=cusum) on seeded synthetic series (docs/breaks.md), one JSON "
                + "object per line on standard output:",
                "calibration: per null kind (AR(1) phi 0, 0.5, 0.9, random walk, hourly seasonal), the fraction of "
                        + "--series series of --ticks ticks with any false alarm (target: at most breaks.alpha);",
                "power: median detection delay and dating error of mean shifts (1, 2, 3, 4 innovation sd) on AR(1) noise "
                        + "(phi 0, 0.5, 0.9) and of AR changes 0.5 -> 0.9 at tick --at;",
                "reaction: the production topology over --symbols series of tickcast generate (--kind, --amplitude, "
                        + "--period as there) with the --reaction-breaks, breaks.react=false and true, the one-step "
                        + "RMSE over the 50 ticks after each break.",
                "Accepts the configuration of run (--config, --set)."})
final class BreaksBenchCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--series", paramLabel = "N", defaultValue = "1000", description = "Series per kind (default ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--ticks", paramLabel = "N", defaultValue = "1000", description = "Ticks per series (default ${DEFAULT-VALUE}).")
    int ticks;

    @Option(names = "--at", paramLabel = "TICK", defaultValue = "500", description = "Tick of the break in the power runs (default ${DEFAULT-VALUE}).")
    int at;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "20", description = "Symbols of the reaction run (default ${DEFAULT-VALUE}).")
    int symbols;

    @Option(names = "--only", paramLabel = "PART", description = "calibration, power, short or reaction (default: all four).")
    String only;

    @Option(names = "--kind", paramLabel = "sensor|price", defaultValue = "sensor",
            description = "reaction: the generated series' kind (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--amplitude", paramLabel = "A", defaultValue = "5",
            description = "reaction, sensor: amplitude of the sine (default ${DEFAULT-VALUE}, as tickcast generate).")
    double amplitude;

    @Option(names = "--period", paramLabel = "TICKS", defaultValue = "96",
            description = "reaction, sensor: period of the sine (default ${DEFAULT-VALUE}).")
    double period;

    @Option(names = "--reaction-breaks", paramLabel = "AT:TYPE:SIZE", split = ",",
            defaultValue = "500:mean:3,1000:ar:0.9",
            description = "reaction: the breaks, as tickcast generate --break (default ${DEFAULT-VALUE}).")
    List<String> reactionBreaks;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (series < 1 || ticks < 50 || at < 1 || at >= ticks || symbols < 1) {
            throw new IllegalArgumentException("need --series >= 1, --ticks >= 50, 1 <= --at < --ticks, --symbols >= 1");
        }
        if (only != null && !List.of("calibration", "power", "short", "reaction").contains(only)) {
            throw new IllegalArgumentException("--only must be calibration, power, short or reaction, got '" + only + "'");
        }
        TickcastConfig config = options.load();
        MonitorConfig cfg = config.monitorConfig(Seasonality.maxPeriod(Seasonality.RING));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (only == null || only.equals("calibration")) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("calibration", BreakBench.calibration(cfg, series, ticks, seed));
            c.put("alpha", cfg.alpha());
            c.put("threshold", cfg.threshold());
            c.put("unit_root_threshold", cfg.unitRootThreshold());
            c.put("seed", seed);
            out.println(Json.toString(c));
            out.flush();
        }
        if (only == null || only.equals("power")) {
            List<Object> rows = new ArrayList<>();
            for (String kind : List.of("ar0", "ar0.5", "ar0.9")) {
                for (double size : new double[] {1, 2, 3, 4}) {
                    rows.add(BreakBench.power(cfg, kind, "mean", size, series, ticks, at, 100, seed));
                }
            }
            rows.add(BreakBench.power(cfg, "ar0.5", "ar", 0.9, series, ticks, at, 100, seed));
            rows.add(BreakBench.power(cfg, "seasonal", "mean", 2, series, ticks, at, 100, seed));
            out.println(Json.toString(Map.of("power", rows)));
            out.flush();
        }
        if (only == null || only.equals("short")) {
            out.println(Json.toString(Map.of("short", BreakBench.shortSeries(cfg, series, seed))));
            out.flush();
        }
        if (only == null || only.equals("reaction")) {
            int n = Math.max(ticks, 1500);
            if (!kind.equals("sensor") && !kind.equals("price")) {
                throw new IllegalArgumentException("--kind must be sensor or price, got '" + kind + "'");
            }
            List<Generator.Break> breaks = reactionBreaks.stream().map(Generator.Break::parse).toList();
            for (Generator.Break b : breaks) {
                if (b.at() + 50 > n) {
                    throw new IllegalArgumentException("reaction break at " + b.at() + " needs 50 ticks after it within "
                            + n + " ticks (--ticks)");
                }
            }
            Generator.Spec g = new Generator.Spec(kind.equals("price") ? Generator.Kind.PRICE : Generator.Kind.SENSOR,
                    symbols, n, seed, Instant.parse("2024-01-01T00:00:00Z"), Duration.ofMinutes(1), 1.0, 0.0, 0.01,
                    kind.equals("price") ? 100.0 : 20.0, amplitude, period, 0.0, breaks);
            err.println("bench breaks: reaction over " + symbols + " symbols x " + n + " ticks, twice");
            err.flush();
            out.println(Json.toString(Map.of("reaction", BreakBench.reaction(config, g, 50))));
            out.flush();
        }
        return 0;
    }
}
