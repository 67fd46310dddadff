package io.tickcast.stream;

import io.tickcast.serde.Tick;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a symbol's state lives in the stores: a <em>checkpoint</em> — the {@link SymbolState}'s records in
 * {@link StoreNames#CHECKPOINT}, tens of kilobytes — every {@code state.checkpoint.ticks} accepted ticks, and between
 * checkpoints a <em>journal</em> of the accepted ticks, one 38-byte record each in {@link StoreNames#JOURNAL}. A symbol
 * is loaded by decoding its checkpoint and replaying the journal's ticks after it through {@link SymbolState#accept}.
 * The step is deterministic — no clock, no unseeded randomness, the same arithmetic in the same order — so the replayed
 * state is bit-identical to the one that wrote the journal, and a restored symbol continues exactly as if it had never
 * left memory (the crash-restore and scale-out tests compare outputs).
 *
 * <p>What this buys: per commit the changelogs get a journal record per symbol that ticked (the segment's ticks, 16
 * bytes each, with a 26-byte frame and Kafka's record overhead) plus a checkpoint's share, its size divided by the
 * interval, instead of the whole state. The price is paid when a state is not in memory — after a restore, a
 * rebalance or an eviction from {@link DecodedStates}: up to {@code interval − 1} ticks replayed, each costing what
 * the tick cost the first time.
 *
 * <p>When a checkpoint is written: at a symbol's first tick (so that every symbol has a series record, which is what
 * lists and locates the symbols), whenever {@code ticks + phase} is a multiple of the interval, where the phase is
 * fixed per symbol by its name's hash (symbols that started together do not all checkpoint at the same tick), and
 * when the state is evicted from memory with ticks after its checkpoint ({@link #checkpoint}).
 *
 * <p><b>The journal</b> is a chain of segments ({@link JournalSegment}): consecutive accepted ticks, one record per
 * segment, rewritten at each of its ticks under the same key, so that the stores' cache, which keeps a key's latest
 * value until the commit flushes it, sends one changelog record per segment per commit instead of one per tick
 * (issue 24: under exactly-once, a commit every 100 ms, a busy symbol's ten ticks a commit were ten records and ten
 * RocksDB puts). A segment ends at a checkpoint, at the processor's cut every {@code commit.interval.ms} (so a slow
 * symbol's record does not grow with its every tick: one tick a commit is one record, as before) and at
 * {@value JournalSegment#MAX_TICKS} ticks. Record, framed by {@link StateCodec}, magic "TCJT", version 2: {@code long}
 * the index of the segment's first tick (the symbol's accepted ticks, 1-based), {@code int} the count, then per tick
 * {@code long} ts, {@code double} value. Its key is {@code <symbol>/<first index mod interval>}: the replay after the
 * checkpoint at index c reads the key of c + 1, applies that segment's ticks, and goes on at the index after them; a
 * missing key or one whose segment starts at another index (older than the checkpoint: keys are reused one interval
 * later) ends it. Every accepted tick is journaled, the checkpoint's own included, so that a checkpoint that did not
 * reach the store (an at-least-once crash between the stores' flushes) costs a longer replay instead of ticks.
 * Version 1, one record per tick ({@code long} index, ts, {@code double} value), is read as a segment of one tick.
 */
final class SymbolStore {

    static final int JOURNAL_MAGIC = 0x54434A54; // "TCJT"
    static final short JOURNAL_VERSION = 2;
    /** The journal's first layout: one record per tick. */
    static final short JOURNAL_VERSION_SINGLE = 1;
    private static final int SINGLE_PAYLOAD = 8 + 8 + 8;

    /** Reads a record of a store by key, or null. */
    interface Reader {
        byte[] get(String store, String key);
    }

    /** Reads and writes records. */
    interface Writer extends Reader {
        void put(String store, String key, byte[] value);
    }

    /** A state read from the stores, and how many journaled ticks it replayed. */
    record Loaded(SymbolState state, int replayed) {
    }

    private final ForecastSettings settings;
    private final Components components;
    private final int interval;

    /** @param interval accepted ticks between a symbol's checkpoints; 1: every tick, no journal */
    SymbolStore(ForecastSettings settings, Components components, int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("the checkpoint interval must be at least 1 tick, got " + interval);
        }
        this.settings = settings;
        this.components = components;
        this.interval = interval;
    }

    int interval() {
        return interval;
    }

    /** A new symbol's state. */
    SymbolState create(String symbol) {
        return SymbolState.create(symbol, settings, components);
    }

    /**
     * The symbol's state: its checkpoint with the journal's later ticks replayed; null for a symbol the stores do not
     * hold.
     *
     * @throws IllegalArgumentException if a record is corrupt or of another format or configuration
     * @throws IllegalStateException    if a journaled tick is refused on replay (the journal does not belong to the
     *                                  checkpoint: the stores were written by something else)
     */
    Loaded load(String symbol, Reader stores) {
        SymbolState s = SymbolState.restore(symbol, settings, components, store -> stores.get(store, symbol));
        if (s != null) {
            s.checkpointed = s.values.ticks();
        }
        if (interval == 1) {
            return s == null ? null : new Loaded(s, 0);
        }
        long next = s == null ? 1 : s.values.ticks() + 1;
        int replayed = 0;
        JournalSegment.Read last = null;
        while (replayed < interval) {
            byte[] b = stores.get(StoreNames.JOURNAL, journalKey(symbol, next));
            if (b == null) {
                break;
            }
            JournalSegment.Read seg = readJournal(b);
            if (seg.start() != next) {
                break; // the slot's segment is from before the checkpoint
            }
            last = seg;
            for (int i = 0; i < seg.count(); i++) {
                Tick tick = new Tick(symbol, seg.ts(i), seg.value(i));
                if (s == null) {
                    s = create(symbol);
                }
                StepResult r = s.accept(tick);
                if (r.rejection() != null) {
                    throw new IllegalStateException("the journal of symbol " + symbol + " does not follow its checkpoint:"
                            + " journaled tick " + next + " refused on replay (" + r.rejection().detail() + ")");
                }
                next++;
                replayed++;
            }
        }
        if (last != null) {
            // The next tick extends the stores' last segment, as it would have had the symbol stayed in memory.
            s.journal.reopen(last);
        }
        return s == null ? null : new Loaded(s, replayed);
    }

    /**
     * Writes what the tick just accepted by {@code state} changed: its journal record, and the checkpoint when one is
     * due.
     *
     * @return whether a checkpoint was written
     */
    boolean save(String symbol, SymbolState state, Tick tick, Writer stores) {
        return save(symbol, state, tick, stores, 0);
    }

    /**
     * As {@link #save(String, SymbolState, Tick, Writer)}, in the processor's cut {@code round}: the tick extends the
     * symbol's open journal segment only if that began in the same round.
     */
    boolean save(String symbol, SymbolState state, Tick tick, Writer stores, long round) {
        long index = state.values.ticks();
        boolean due = checkpointDue(symbol, index);
        // Every record is encoded before the first is written: a failure leaves the stores as they were (the caller
        // then drops the state, open segment and all, and loads it again from the stores).
        Map<String, byte[]> checkpoint = due ? encode(state) : Map.of();
        if (interval > 1) {
            JournalSegment segment = state.journal;
            segment.add(index, round, tick);
            stores.put(StoreNames.JOURNAL, journalKey(symbol, segment.start()), segment.encode());
        }
        if (!due) {
            return false;
        }
        checkpoint.forEach((store, bytes) -> stores.put(store, symbol, bytes));
        state.checkpointed = index;
        state.journal.close();
        return true;
    }

    /**
     * Writes a checkpoint of the state unless its latest is current (the state leaves memory: its next load then
     * replays nothing).
     *
     * @return whether a checkpoint was written
     */
    boolean checkpoint(String symbol, SymbolState state, Writer stores) {
        if (state.checkpointed == state.values.ticks()) {
            return false;
        }
        write(symbol, state, stores);
        return true;
    }

    private static void write(String symbol, SymbolState state, Writer stores) {
        encode(state).forEach((store, bytes) -> stores.put(store, symbol, bytes));
        state.checkpointed = state.values.ticks();
        state.journal.close();
    }

    /** The checkpoint's records by store, in the order {@link SymbolState#store} gives them. */
    private static Map<String, byte[]> encode(SymbolState state) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        state.store(records::put);
        return records;
    }

    /** Whether the symbol's checkpoint is written at its {@code index}-th accepted tick. */
    boolean checkpointDue(String symbol, long index) {
        return interval == 1 || index == 1 || Math.floorMod(index + symbol.hashCode(), (long) interval) == 0;
    }

    String journalKey(String symbol, long index) {
        return symbol + "/" + Math.floorMod(index, (long) interval);
    }

    /** A journal record of the first layout (version 1: one tick), as stores written before segments hold. */
    static byte[] journalRecord(long index, Tick tick) {
        return StateCodec.encode(JOURNAL_MAGIC, JOURNAL_VERSION_SINGLE, SINGLE_PAYLOAD,
                out -> out.putLong(index).putLong(tick.ts()).putDouble(tick.value()));
    }

    /** A journal record of either layout, as a segment (version 1: of one tick). */
    private static JournalSegment.Read readJournal(byte[] record) {
        StateCodec.Frame f = StateCodec.decode(record, JOURNAL_MAGIC, "journal");
        ByteBuffer in = f.payload();
        if (f.version() == JOURNAL_VERSION_SINGLE) {
            if (in.remaining() != SINGLE_PAYLOAD) {
                throw new IllegalArgumentException("journal record of " + in.remaining() + " payload bytes, expected "
                        + SINGLE_PAYLOAD);
            }
            // (index, ts, value) is a segment's (start, ·, ts, value) but for the count: read it as one of one tick.
            ByteBuffer one = ByteBuffer.allocate(JournalSegment.payloadBytes(1));
            one.putLong(in.getLong(0)).putInt(1).putLong(in.getLong(8)).putDouble(in.getDouble(16));
            return new JournalSegment.Read(in.getLong(0), 1, one);
        }
        StateCodec.requireVersion(f, JOURNAL_VERSION, "journal");
        if (in.remaining() < JournalSegment.payloadBytes(0)) {
            throw new IllegalArgumentException("journal record of " + in.remaining() + " payload bytes, too short");
        }
        long start = in.getLong(0);
        int count = in.getInt(8);
        if (count < 1 || count > JournalSegment.MAX_TICKS || in.remaining() != JournalSegment.payloadBytes(count)) {
            throw new IllegalArgumentException("journal record of " + count + " ticks in " + in.remaining()
                    + " payload bytes");
        }
        return new JournalSegment.Read(start, count, in);
    }
}
