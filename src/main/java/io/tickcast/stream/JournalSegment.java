package io.tickcast.stream;

import io.tickcast.serde.Tick;

import java.nio.ByteBuffer;

/**
 * A symbol's open journal segment ({@link SymbolStore}): the ticks it accepted since the segment began, in memory,
 * rewritten as one journal record under one key at each of them. The stores' cache keeps only a key's latest value
 * until it flushes at the commit, so the changelog gets one record per segment per commit instead of one per tick.
 * A segment ends at a checkpoint (the next tick starts the chain the checkpoint's replay follows), at the processor's
 * cut (every {@code commit.interval.ms}: so a slow symbol's record does not grow with every tick), and at
 * {@link #MAX_TICKS} ticks (a bound on the rewrite per tick). Not stored: a symbol loaded from the stores starts a new
 * segment at its next tick.
 */
final class JournalSegment {

    /** The most ticks a segment holds: a record of at most 12 + 16 × 32 payload bytes. */
    static final int MAX_TICKS = 32;

    private final long[] ts = new long[MAX_TICKS];
    private final double[] values = new double[MAX_TICKS];
    /** The accepted-tick index (1-based) of the segment's first tick. */
    private long start;
    private int count;
    /** The processor's cut round the segment began in; {@link #ANY_ROUND} for a segment reopened from the stores. */
    private long round;
    private static final long ANY_ROUND = Long.MIN_VALUE;

    /** The index of the segment's first tick (meaningless while empty). */
    long start() {
        return start;
    }

    int count() {
        return count;
    }

    /**
     * Appends the tick of accepted index {@code index}, first starting a new segment unless the open one ends just
     * before it, began in the same cut {@code round} and has room.
     */
    void add(long index, long round, Tick tick) {
        if (count == 0 || count == MAX_TICKS || (this.round != round && this.round != ANY_ROUND)
                || start + count != index) {
            start = index;
            count = 0;
        }
        this.round = round;
        ts[count] = tick.ts();
        values[count] = tick.value();
        count++;
    }

    /**
     * Reopens the segment the stores hold last for the symbol (the replay's last): its next tick extends it, in
     * whatever round, as if the symbol had not left memory.
     */
    void reopen(Read last) {
        start = last.start();
        count = last.count();
        for (int i = 0; i < count; i++) {
            ts[i] = last.ts(i);
            values[i] = last.value(i);
        }
        round = ANY_ROUND;
    }

    /** Ends the segment: the next tick starts a new one. */
    void close() {
        count = 0;
    }

    /** The segment's journal record, framed: {@code long} start, {@code int} count, then per tick {@code long} ts, {@code double} value. */
    byte[] encode() {
        return StateCodec.encode(SymbolStore.JOURNAL_MAGIC, SymbolStore.JOURNAL_VERSION, payloadBytes(count), out -> {
            out.putLong(start).putInt(count);
            for (int i = 0; i < count; i++) {
                out.putLong(ts[i]).putDouble(values[i]);
            }
        });
    }

    static int payloadBytes(int ticks) {
        return 8 + 4 + 16 * ticks;
    }

    /** A journal record read back: the index of its first tick, and its ticks' (ts, value) from {@code payload}. */
    record Read(long start, int count, ByteBuffer payload) {

        long ts(int i) {
            return payload.getLong(12 + 16 * i);
        }

        double value(int i) {
            return payload.getDouble(12 + 16 * i + 8);
        }
    }
}
