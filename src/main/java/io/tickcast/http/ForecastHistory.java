package io.tickcast.http;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Output;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What the live page shows of the symbols this instance forecasts, kept in memory from the records the forecast step
 * forwards ({@link #accept}, the topology's observer): the overview's {@link SymbolRow} of every symbol (up to
 * {@code maxRows}, the first to tick) and a {@link HistoryRing} of the recent ticks of up to {@code maxRings} symbols.
 *
 * <p>Memory is bounded: about 500 bytes per row, and per ring {@code capacity × (40 + 4 × experts)} bytes (256 ticks
 * with 15 experts: 25 KB). The rings go to the first {@code maxRings} symbols to tick; once they are taken, a symbol
 * without a ring gets one when its history is asked for ({@link #admit}), in place of the least recently viewed
 * symbol's (those never viewed first, the longest quiet of them first), and keeps it while it is watched. Nothing is
 * read from the stores: after a restart, or when a symbol moves here from another instance, its row and history start
 * with its next tick.
 *
 * <p>Thread-safe: the stream threads write, the HTTP threads read.
 */
public final class ForecastHistory implements Consumer<Output> {

    private final int capacity;
    private final int maxRings;
    private final int maxRows;
    private final ConcurrentHashMap<String, SymbolRow> rows = new ConcurrentHashMap<>();
    /** Guarded by itself; each ring is guarded by the map too (its operations take microseconds). */
    private final Map<String, Slot> rings = new HashMap<>();
    /** Orders views: a larger number was viewed later. */
    private long views;

    private static final class Slot {
        final HistoryRing ring;
        long lastView;
        long lastTick;

        Slot(HistoryRing ring) {
            this.ring = ring;
        }
    }

    /**
     * @param capacity ticks per symbol's ring
     * @param maxRings symbols with a ring
     * @param maxRows  symbols with an overview row
     */
    public ForecastHistory(int capacity, int maxRings, int maxRows) {
        if (capacity < 2 || maxRings < 0 || maxRows < 0) {
            throw new IllegalArgumentException("need capacity >= 2, maxRings >= 0, maxRows >= 0; got "
                    + capacity + ", " + maxRings + ", " + maxRows);
        }
        this.capacity = capacity;
        this.maxRings = maxRings;
        this.maxRows = maxRows;
    }

    /** Ticks kept per symbol. */
    public int capacity() {
        return capacity;
    }

    /** Records a forecast or a break record; anything else is ignored. Called on the stream threads. */
    @Override
    public void accept(Output output) {
        if (output instanceof Forecast f) {
            forecast(f);
        } else if (output instanceof BreakSignal b && b.signal()) {
            breakSignal(b);
        }
    }

    private void forecast(Forecast f) {
        String symbol = f.symbol();
        synchronized (rings) {
            Slot slot = rings.get(symbol);
            if (slot == null && rings.size() < maxRings) {
                slot = new Slot(new HistoryRing(capacity));
                rings.put(symbol, slot);
            }
            if (slot != null && slot.ring.add(f)) {
                slot.lastTick = System.nanoTime();
            } else if (slot != null) {
                return; // a replay: the row is up to date too
            }
        }
        if (rows.containsKey(symbol) || rows.size() < maxRows) {
            rows.compute(symbol, (k, old) -> old != null && old.ts() >= f.ts() ? old : SymbolRow.of(f, old));
        }
    }

    private void breakSignal(BreakSignal b) {
        boolean fresh = true;
        synchronized (rings) {
            Slot slot = rings.get(b.symbol());
            if (slot != null) {
                fresh = slot.ring.addBreak(b);
            }
        }
        if (fresh) {
            rows.computeIfPresent(b.symbol(), (k, row) -> row.lastBreakTs() != null && row.lastBreakTs() >= b.ts()
                    ? row : row.withBreak(b));
        }
    }

    /** The overview rows, in no particular order. */
    public Collection<SymbolRow> rows() {
        return List.copyOf(rows.values());
    }

    /** The symbol's row, if it has one. */
    public Optional<SymbolRow> row(String symbol) {
        return Optional.ofNullable(rows.get(symbol));
    }

    /**
     * The symbol's last {@code n} ticks ({@link HistoryRing#toJson}), marking it viewed; empty if it has no ring
     * (then {@link #admit} gives it one).
     */
    public Optional<Map<String, Object>> history(String symbol, int n) {
        synchronized (rings) {
            Slot slot = rings.get(symbol);
            if (slot == null) {
                return Optional.empty();
            }
            slot.lastView = ++views;
            return Optional.of(slot.ring.toJson(n));
        }
    }

    /**
     * Gives a symbol a ring, from its next tick on, taking the least recently viewed symbol's when all are taken;
     * false when there are no rings at all ({@code maxRings} 0). Call it only for a symbol this instance holds.
     */
    public boolean admit(String symbol) {
        synchronized (rings) {
            if (rings.containsKey(symbol)) {
                return true;
            }
            if (maxRings == 0) {
                return false;
            }
            if (rings.size() >= maxRings) {
                String victim = null;
                Slot worst = null;
                for (Map.Entry<String, Slot> e : rings.entrySet()) {
                    Slot s = e.getValue();
                    if (worst == null || s.lastView < worst.lastView
                            || (s.lastView == worst.lastView && s.lastTick < worst.lastTick)) {
                        worst = s;
                        victim = e.getKey();
                    }
                }
                rings.remove(victim);
            }
            Slot slot = new Slot(new HistoryRing(capacity));
            slot.lastView = ++views;
            rings.put(symbol, slot);
            return true;
        }
    }

    /** Forgets the symbols that do not pass {@code keep} (e.g. those now held by another instance). */
    public void retain(Predicate<String> keep) {
        Set<String> gone = new HashSet<>();
        rows.keySet().forEach(s -> {
            if (!keep.test(s)) {
                gone.add(s);
            }
        });
        synchronized (rings) {
            rings.keySet().forEach(s -> {
                if (!rows.containsKey(s) && !keep.test(s)) {
                    gone.add(s);
                }
            });
            rings.keySet().removeAll(gone);
        }
        gone.forEach(rows::remove);
    }

    /** Symbols with a ring. */
    int rings() {
        synchronized (rings) {
            return rings.size();
        }
    }

    /** An estimate of the memory held by the rings and the rows. */
    long bytes() {
        long total = rows.size() * 500L;
        synchronized (rings) {
            for (Slot s : rings.values()) {
                total += 48 + s.ring.bytes();
            }
        }
        return total;
    }
}
