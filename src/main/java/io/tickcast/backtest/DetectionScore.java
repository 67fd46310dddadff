package io.tickcast.backtest;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Scores break signals against ground truth ({@link BreakTruth}) record by record, in memory independent of the
 * run's length. Positions are tick indices: a symbol's n-th forecast is its tick n − 1. A true break is at the first
 * tick at or after its timestamp; it is detected by the first signal at or after it within {@code tolerance} ticks
 * (true breaks in file order, each signal detecting at most one); its delay is the signal's tick minus the break's,
 * and where the signal dates the break ({@code break_ts}) the dating error is the estimated tick minus the true one
 * (negative: dated early). Every other signal is a false alarm.
 *
 * <p>What it keeps, per symbol: the last {@code lookback} timestamps (to find the tick of a signal's estimated
 * break: detectors date a break within their window, so {@code lookback} is the largest detector window), and the
 * signals that fall in a true break's window. A signal outside every window can never detect one, so it is only
 * counted.
 *
 * <p>Call order: per tick, {@link #forecast} before the tick's {@link #breakRecord} (as {@link Backtest} emits
 * them); then {@link #addTo} once.
 */
final class DetectionScore {

    /** A signal kept for matching: its tick and its estimated break's tick (null if undated). */
    private record Signal(int tick, Integer dated) {
    }

    /** One symbol's running state. */
    private static final class Symbol {
        final List<BreakTruth> truth;
        /** Per true break (in file order), its tick: null until a tick at or after it has come. */
        final Integer[] at;
        /** The true breaks' indices by timestamp, and the first of them whose tick is not known yet. */
        final int[] byTs;
        int nextAt;
        final long[] stamps;
        int ticks;
        final List<Signal> kept = new ArrayList<>();
        int falseAlarms;

        Symbol(List<BreakTruth> truth, int lookback) {
            this.truth = truth;
            this.at = new Integer[truth.size()];
            this.byTs = IntStream.range(0, truth.size()).boxed()
                    .sorted(Comparator.comparingLong(i -> truth.get(i).ts())).mapToInt(Integer::intValue).toArray();
            this.stamps = new long[truth.isEmpty() ? 1 : lookback];
        }

        void forecast(long ts) {
            while (nextAt < byTs.length && truth.get(byTs[nextAt]).ts() <= ts) {
                at[byTs[nextAt++]] = ticks;
            }
            stamps[ticks % stamps.length] = ts;
            ticks++;
        }

        /** The tick of timestamp {@code ts} among the latest kept, or null. */
        Integer tick(long ts) {
            for (int i = ticks - 1; i >= Math.max(0, ticks - stamps.length); i--) {
                long s = stamps[i % stamps.length];
                if (s == ts) {
                    return i;
                }
                if (s < ts) {
                    return null;
                }
            }
            return null;
        }

        boolean inAWindow(int tick, int tolerance) {
            for (Integer a : at) {
                if (a != null && tick >= a && tick <= a + tolerance) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<String, List<BreakTruth>> truth = new HashMap<>();
    private final int tolerance;
    private final int lookback;
    private final Map<String, Symbol> symbols = new HashMap<>();

    /**
     * @param truth     the true breaks (file order matters where their windows overlap)
     * @param tolerance a signal up to this many ticks after a true break detects it
     * @param lookback  timestamps kept per symbol with true breaks: at least the detectors' windows
     */
    DetectionScore(List<BreakTruth> truth, int tolerance, int lookback) {
        if (lookback < 1) {
            throw new IllegalArgumentException("lookback must be ≥ 1, got " + lookback);
        }
        truth.forEach(t -> this.truth.computeIfAbsent(t.symbol(), k -> new ArrayList<>()).add(t));
        this.tolerance = tolerance;
        this.lookback = lookback;
    }

    private Symbol symbol(String name) {
        return symbols.computeIfAbsent(name, k -> new Symbol(truth.getOrDefault(k, List.of()), lookback));
    }

    /** The symbol's next tick. */
    void forecast(Forecast f) {
        symbol(f.symbol()).forecast(f.ts());
    }

    /** A break record: a signal at a known tick is kept if it falls in a true break's window, else counted. */
    void breakRecord(BreakSignal b) {
        if (!b.signal()) {
            return;
        }
        Symbol s = symbol(b.symbol());
        Integer tick = s.tick(b.ts());
        if (tick == null) {
            return;
        }
        if (s.inAWindow(tick, tolerance)) {
            s.kept.add(new Signal(tick, b.breakTs() == null ? null : s.tick(b.breakTs())));
        } else {
            s.falseAlarms++;
        }
    }

    /** Signals kept for matching, over the symbols: what the score costs in memory beyond its fixed state. */
    int kept() {
        return symbols.values().stream().mapToInt(s -> s.kept.size()).sum();
    }

    /** Adds {@code detection} to each symbol of the summary: true breaks, detected, delays, dating errors, false alarms. */
    @SuppressWarnings("unchecked")
    void addTo(Map<String, Object> summary) {
        Map<String, Object> per = (Map<String, Object>) summary.get("symbols");
        for (Map.Entry<String, Object> e : per.entrySet()) {
            Symbol s = symbol(e.getKey());
            List<Signal> signals = new ArrayList<>(s.kept);
            List<Integer> delays = new ArrayList<>();
            List<Integer> dateErrors = new ArrayList<>();
            for (Integer at : s.at) {
                if (at == null) {
                    continue;
                }
                Signal hit = signals.stream().filter(x -> x.tick() >= at && x.tick() <= at + tolerance).findFirst()
                        .orElse(null);
                if (hit != null) {
                    delays.add(hit.tick() - at);
                    if (hit.dated() != null) {
                        dateErrors.add(hit.dated() - at);
                    }
                    signals.remove(hit);
                }
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("true_breaks", s.truth.size());
            d.put("detected", delays.size());
            d.put("delays", delays);
            d.put("mean_delay", delays.isEmpty() ? null : delays.stream().mapToInt(Integer::intValue).average().orElse(0));
            d.put("date_errors", dateErrors);
            d.put("false_alarms", signals.size() + s.falseAlarms);
            ((Map<String, Object>) e.getValue()).put("detection", d);
        }
    }
}
