package io.tickcast.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the cardinality of per-symbol metric labels: the first {@code max} symbols this instance
 * sees keep their own label, every later one is reported as {@code other}. A stream of 100,000
 * symbols thus makes at most {@code max + 1} series per meter.
 */
public final class SymbolLabels {

    public static final String OTHER = "other";

    private final int max;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    public SymbolLabels(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, got " + max);
        }
        this.max = max;
    }

    public String labelOf(String symbol) {
        if (admitted.contains(symbol)) {
            return symbol;
        }
        synchronized (this) {
            if (admitted.size() < max && !OTHER.equals(symbol)) {
                admitted.add(symbol);
                return symbol;
            }
        }
        return admitted.contains(symbol) ? symbol : OTHER;
    }
}
