package io.tickcast.stream;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One task's decoded symbol states, so that a tick neither decodes nor replays what the previous ticks of its symbol
 * wrote, within a {@link Budget} of bytes that all tasks of an instance share. A state's size is the bytes its
 * records would have ({@link SymbolState#recordBytes}: what its arrays hold, doubles as doubles; about 70 % of its
 * heap), re-counted at every tick. While the instance is over its budget the task evicts its own least recently used
 * states, telling {@link Evictions} (the processor checkpoints them); an evicted symbol is loaded from the stores at
 * its next tick (a miss).
 *
 * <p>Not thread-safe: one task uses it at a time; only the budget is shared.
 */
final class DecodedStates {

    /** The bytes all tasks of an instance may keep decoded, and what they keep now, hits, misses and ticks replayed. */
    static final class Budget {
        private final long limit;
        private final AtomicLong used = new AtomicLong();
        private final AtomicLong hits = new AtomicLong();
        private final AtomicLong misses = new AtomicLong();
        private final AtomicLong replayed = new AtomicLong();

        /** @param limit bytes; at least 1 */
        Budget(long limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("the decoded-state budget must be at least 1 byte, got " + limit);
            }
            this.limit = limit;
        }

        long limit() {
            return limit;
        }

        long used() {
            return used.get();
        }

        long hits() {
            return hits.get();
        }

        long misses() {
            return misses.get();
        }

        /** Journaled ticks replayed to load the states of misses ({@link SymbolStore#load}). */
        long replayed() {
            return replayed.get();
        }

        void replayed(int ticks) {
            replayed.addAndGet(ticks);
        }
    }

    private record Entry(SymbolState state, long bytes) {
    }

    /** Sees each state as it is evicted (not when the cache is cleared). */
    interface Evictions {
        void evicted(String symbol, SymbolState state);
    }

    private final Budget budget;
    private final Evictions evictions;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    DecodedStates(Budget budget) {
        this(budget, (symbol, state) -> { });
    }

    DecodedStates(Budget budget, Evictions evictions) {
        this.budget = budget;
        this.evictions = evictions;
    }

    /** The symbol's decoded state, or null (a miss: the caller decodes it and {@link #put}s it). */
    SymbolState get(String symbol) {
        Entry e = entries.get(symbol);
        (e == null ? budget.misses : budget.hits).incrementAndGet();
        return e == null ? null : e.state();
    }

    /**
     * Keeps the symbol's state, {@code bytes} large, as its most recently used; then evicts this task's least
     * recently used states while the instance is over budget (never the one just put), telling {@link Evictions}.
     */
    void put(String symbol, SymbolState state, long bytes) {
        Entry old = entries.put(symbol, new Entry(state, bytes));
        budget.used.addAndGet(bytes - (old == null ? 0 : old.bytes()));
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (budget.used.get() > budget.limit && entries.size() > 1) {
            Map.Entry<String, Entry> eldest = it.next();
            budget.used.addAndGet(-eldest.getValue().bytes());
            it.remove();
            evictions.evicted(eldest.getKey(), eldest.getValue().state());
        }
    }

    /**
     * Forgets the symbol's state without telling {@link Evictions} (nothing is checkpointed): a step that failed may
     * have left it half-updated, and the stores still hold it as it was before that step.
     */
    void discard(String symbol) {
        Entry e = entries.remove(symbol);
        if (e != null) {
            budget.used.addAndGet(-e.bytes());
        }
    }

    int size() {
        return entries.size();
    }

    /** Drops every state (the task is re-initialised, e.g. after a restore) and returns their bytes to the budget. */
    void clear() {
        for (Entry e : entries.values()) {
            budget.used.addAndGet(-e.bytes());
        }
        entries.clear();
    }
}
