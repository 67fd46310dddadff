package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Tick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymbolStoreTest {

    /** Stores as maps, counting the puts per store. */
    static final class MapStores implements SymbolStore.Writer {
        final Map<String, Map<String, byte[]>> stores = new HashMap<>();
        final Map<String, Integer> puts = new HashMap<>();
        final Map<String, Long> bytes = new HashMap<>();

        @Override
        public byte[] get(String store, String key) {
            return stores.getOrDefault(store, Map.of()).get(key);
        }

        @Override
        public void put(String store, String key, byte[] value) {
            stores.computeIfAbsent(store, s -> new HashMap<>()).put(key, value);
            puts.merge(store, 1, Integer::sum);
            bytes.merge(store, (long) value.length, Long::sum);
        }

        int count(String store) {
            return puts.getOrDefault(store, 0);
        }
    }

    /** The real LSTM (small) and the break monitor, reacting to its signals, so that replay covers all of it. */
    private static SymbolStore symbolStore(int interval) {
        TickcastConfig c = TickcastConfig.parse(Map.of("model.hidden", "6", "breaks.react", "true",
                "state.checkpoint.ticks", String.valueOf(interval)));
        ForecastSettings settings = ForecastSettings.from(c);
        return new SymbolStore(settings, LearningComponents.from(c, settings), interval);
    }

    /** Hourly ticks: a daily season, AR(1) noise, and a level shift of 5 at tick 160, seeded. */
    private static List<Tick> ticks(String symbol, int n) {
        Random r = new Random(11);
        List<Tick> out = new ArrayList<>();
        double e = 0;
        for (int t = 0; t < n; t++) {
            e = 0.2 * e + r.nextGaussian();
            double v = 50 + 4 * Math.sin(2 * Math.PI * t / 24) + e + (t >= 160 ? 5 : 0);
            out.add(new Tick(symbol, 1_700_000_000_000L + 3_600_000L * t, v));
        }
        return out;
    }

    /** Lets {@code state} accept the ticks, saving each as the processor does; the ticks at which it checkpointed. */
    private static List<Long> feed(SymbolStore store, MapStores stores, SymbolState state, List<Tick> ticks) {
        List<Long> checkpoints = new ArrayList<>();
        for (Tick t : ticks) {
            assertNull(state.accept(t).rejection());
            if (store.save(t.symbol(), state, t, stores)) {
                checkpoints.add(state.values.ticks());
            }
        }
        return checkpoints;
    }

    private static void assertSameRecords(SymbolState expected, SymbolState actual, String what) {
        Map<String, byte[]> a = expected.records();
        Map<String, byte[]> b = actual.records();
        assertEquals(a.keySet(), b.keySet(), what);
        a.forEach((store, bytes) -> assertArrayEquals(bytes, b.get(store), what + ": " + store));
    }

    @Test
    void aSymbolLoadedAtAnyTickFromItsCheckpointAndJournalIsBitIdenticalToTheLiveOne() {
        SymbolStore store = symbolStore(16);
        MapStores stores = new MapStores();
        String symbol = "S";
        List<Tick> ticks = ticks(symbol, 260);
        SymbolState live = store.create(symbol);
        boolean signalled = false;
        io.tickcast.serde.Forecast expectedNext = null;
        for (int i = 0; i < ticks.size(); i++) {
            StepResult r = live.accept(ticks.get(i));
            assertNull(r.rejection());
            if (expectedNext != null) {
                assertEquals(r.forecast(), expectedNext, "the loaded copy's next forecast, tick " + (i + 1));
                expectedNext = null;
            }
            signalled |= r.breakSignal() != null && r.breakSignal().signal();
            store.save(symbol, live, ticks.get(i), stores);
            if (i % 5 == 0 || i > 240) {
                SymbolStore.Loaded loaded = store.load(symbol, stores);
                assertSameRecords(live, loaded.state(), "after tick " + (i + 1));
                if (i + 1 < ticks.size()) {
                    // ...and it continues as the live one does: its forecast of the next tick is the live one's.
                    expectedNext = loaded.state().accept(ticks.get(i + 1)).forecast();
                }
            }
        }
        assertTrue(signalled, "the level shift is signalled, so the replay covers a reaction to a break");
        assertTrue(live.records().containsKey(StoreNames.MODELS));
    }

    /**
     * One-minute ticks of a 60-minute cycle: the spacing gives no season, the scan finds 60 (about tick 275) and the
     * panel is rebuilt with its seasonal experts. A copy loaded at any tick, before, across and after the change,
     * holds the same records and makes the same next forecast.
     */
    @Test
    void aSymbolWhosePeriodIsFoundInTheDataLoadsBitIdentically() {
        SymbolStore store = symbolStore(16);
        MapStores stores = new MapStores();
        String symbol = "M";
        Random r = new Random(5);
        List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t < 420; t++) {
            ticks.add(new Tick(symbol, 1_700_000_000_000L + 60_000L * t, 20 + 5 * Math.sin(2 * Math.PI * t / 60) + r.nextGaussian()));
        }
        SymbolState live = store.create(symbol);
        io.tickcast.serde.Forecast expectedNext = null;
        Integer firstPeriod = null;
        for (int i = 0; i < ticks.size(); i++) {
            StepResult res = live.accept(ticks.get(i));
            assertNull(res.rejection());
            if (i == 10) {
                firstPeriod = res.forecast().period();
            }
            if (expectedNext != null) {
                assertEquals(expectedNext, res.forecast(), "the loaded copy's next forecast, tick " + (i + 1));
                expectedNext = null;
            }
            store.save(symbol, live, ticks.get(i), stores);
            if (i % 3 == 0 || (i > 240 && i < 320)) {
                SymbolStore.Loaded loaded = store.load(symbol, stores);
                assertSameRecords(live, loaded.state(), "after tick " + (i + 1));
                if (i + 1 < ticks.size()) {
                    expectedNext = loaded.state().accept(ticks.get(i + 1)).forecast();
                }
            }
        }
        assertEquals(1, firstPeriod, "no season from one-minute spacing");
        StepResult last = live.accept(new Tick(symbol, 1_700_000_000_000L + 60_000L * 420, 20));
        assertEquals(60, last.forecast().period(), "the period found in the data");
        assertTrue(last.forecast().experts().containsKey("hw"), "the seasonal experts of period 60: " + last.forecast().experts());
    }

    @Test
    void aLoadReplaysOnlyTheTicksSinceTheCheckpoint() {
        SymbolStore store = symbolStore(16);
        MapStores stores = new MapStores();
        String symbol = "sensor-7";
        SymbolState live = store.create(symbol);
        long lastCheckpoint = 0;
        List<Tick> ticks = ticks(symbol, 100);
        for (Tick t : ticks) {
            live.accept(t);
            if (store.save(symbol, live, t, stores)) {
                lastCheckpoint = live.values.ticks();
            }
            assertEquals(live.values.ticks() - lastCheckpoint, store.load(symbol, stores).replayed());
        }
        assertNull(store.load("unknown", stores), "a symbol the stores do not hold");
    }

    @Test
    void checkpointsComeAtTheFirstTickThenEveryIntervalAtTheSymbolsPhase() {
        int interval = 16;
        SymbolStore store = symbolStore(interval);
        Map<String, Integer> checkpoints = new LinkedHashMap<>();
        for (String symbol : List.of("A", "B", "sensor-12", "x")) {
            MapStores stores = new MapStores();
            SymbolState s = store.create(symbol);
            List<Long> at = feed(store, stores, s, ticks(symbol, 200));
            assertEquals(1L, at.get(0), symbol);
            for (int k = 1; k < at.size(); k++) {
                assertEquals(0, Math.floorMod(at.get(k) + symbol.hashCode(), interval), symbol);
                if (k > 1) {
                    assertEquals(interval, at.get(k) - at.get(k - 1), symbol);
                }
            }
            assertEquals(at.size(), stores.count(StoreNames.SERIES), symbol);
            assertEquals(at.size(), stores.count(StoreNames.CHOW), symbol);
            assertEquals(200, stores.count(StoreNames.JOURNAL), "every accepted tick is journaled: " + symbol);
            // One segment since each checkpoint (these ticks come in one cut round): the first tick's own, then the
            // ticks up to the first periodic checkpoint, then the ticks after each checkpoint, all in one slot.
            long first = at.get(1);
            long last = at.get(at.size() - 1);
            assertEquals(java.util.Set.of(store.journalKey(symbol, 1), store.journalKey(symbol, 2),
                            store.journalKey(symbol, first + 1)), stores.stores.get(StoreNames.JOURNAL).keySet(), symbol);
            // The latest record holds every tick since the last checkpoint: a 14-byte frame, 12 bytes, 16 per tick.
            long segmentStart = (last == 200 ? at.get(at.size() - 2) : last) + 1;
            byte[] latest = stores.get(StoreNames.JOURNAL, store.journalKey(symbol, segmentStart));
            assertEquals(14 + 12 + 16 * (200 - segmentStart + 1), latest.length, symbol);
            checkpoints.put(symbol, at.size() > 1 ? at.get(1).intValue() : -1);
        }
        assertTrue(checkpoints.values().stream().distinct().count() > 1,
                "symbols that start together checkpoint at different ticks: " + checkpoints);
    }

    @Test
    void anEvictedStateIsCheckpointedUnlessItsCheckpointIsCurrent() {
        SymbolStore store = symbolStore(16);
        MapStores stores = new MapStores();
        SymbolState s = store.create("S");
        List<Tick> ticks = ticks("S", 40);
        feed(store, stores, s, ticks.subList(0, 20));
        assertTrue(store.load("S", stores).replayed() > 0);
        assertTrue(store.checkpoint("S", s, stores));
        SymbolStore.Loaded loaded = store.load("S", stores);
        assertEquals(0, loaded.replayed(), "the checkpoint is current");
        assertSameRecords(s, loaded.state(), "after the eviction's checkpoint");
        int written = stores.count(StoreNames.SERIES);
        assertTrue(!store.checkpoint("S", loaded.state(), stores) && !store.checkpoint("S", s, stores));
        assertEquals(written, stores.count(StoreNames.SERIES), "nothing to write");
        // The loaded copy continues, journaling after the eviction's checkpoint, and loads as the live one is.
        for (Tick t : ticks.subList(20, 40)) {
            s.accept(t);
            loaded.state().accept(t);
            store.save("S", loaded.state(), t, stores);
        }
        assertSameRecords(s, store.load("S", stores).state(), "after 20 more ticks");
    }

    /**
     * The journal's segments: a tick extends its symbol's open segment (one key, rewritten: one changelog record per
     * commit once the cache has kept the latest) until a checkpoint, a new cut round or 32 ticks end it. A copy loaded
     * at any tick, with rounds cut at random, is bit-identical to the live state; and continuing the loaded copy
     * writes exactly the records the live one writes (its last segment is reopened).
     */
    @Test
    void segmentsEndAtACheckpointARoundOrThirtyTwoTicksAndReplayBitIdentically() {
        SymbolStore store = symbolStore(128);
        String symbol = "seg";
        List<Tick> ticks = ticks(symbol, 300);
        Random cuts = new Random(3);
        MapStores stores = new MapStores();
        SymbolState live = store.create(symbol);
        long round = 0;
        int keysBefore = 0;
        for (int i = 0; i < ticks.size(); i++) {
            assertNull(live.accept(ticks.get(i)).rejection());
            if (i >= 150 && cuts.nextInt(4) == 0) {
                round++;
            }
            boolean checkpoint = store.save(symbol, live, ticks.get(i), stores, round);
            if (i > 2 && i < 150 && !checkpoint) {
                // One round, no checkpoint: a new key only every 32 ticks.
                int keys = stores.stores.get(StoreNames.JOURNAL).size();
                assertTrue(keys == keysBefore || (keys == keysBefore + 1 && live.journal.count() == 1),
                        "tick " + (i + 1) + ": " + keys + " keys after " + keysBefore);
            }
            keysBefore = stores.stores.get(StoreNames.JOURNAL).size();
            SymbolStore.Loaded loaded = store.load(symbol, stores);
            assertSameRecords(live, loaded.state(), "after tick " + (i + 1));
            assertEquals(live.values.ticks() - live.checkpointed, loaded.replayed(), "after tick " + (i + 1));
            if (i % 17 == 0 && i + 1 < ticks.size()) {
                // The loaded copy, continued in a copy of the stores, writes what the live one writes next.
                MapStores copy = new MapStores();
                stores.stores.forEach((name, m) -> copy.stores.put(name, new java.util.HashMap<>(m)));
                SymbolState other = loaded.state();
                other.accept(ticks.get(i + 1));
                store.save(symbol, other, ticks.get(i + 1), copy, round);
                SymbolState probe = store.load(symbol, copy).state();
                assertEquals(other.values.ticks(), probe.values.ticks());
                assertSameRecords(other, probe, "the loaded copy after tick " + (i + 2));
            }
        }
    }

    /** A journal of the first layout (a record per tick) is read as segments of one tick, and the new ones follow it. */
    @Test
    void aJournalOfSingleTickRecordsIsReadAndContinued() {
        SymbolStore store = symbolStore(64);
        String symbol = "old"; // checkpoints at ticks 1 and 25 (and 89): the replay at tick 85 reads ticks 26-85
        List<Tick> ticks = ticks(symbol, 85);
        MapStores stores = new MapStores();
        SymbolStore.Writer target = stores;
        SymbolState live = store.create(symbol);
        for (int i = 0; i < ticks.size(); i++) {
            live.accept(ticks.get(i));
            long index = live.values.ticks();
            if (i < 60) {
                // As the code before segments wrote: the checkpoint when due and a version-1 record for every tick.
                store.save(symbol, live, ticks.get(i), new SymbolStore.Writer() {
                    @Override
                    public byte[] get(String name, String key) {
                        return target.get(name, key);
                    }

                    @Override
                    public void put(String name, String key, byte[] value) {
                        if (!name.equals(StoreNames.JOURNAL)) {
                            target.put(name, key, value);
                        }
                    }
                });
                stores.put(StoreNames.JOURNAL, store.journalKey(symbol, index), SymbolStore.journalRecord(index, ticks.get(i)));
                live.journal.close();
            } else {
                store.save(symbol, live, ticks.get(i), stores);
            }
            SymbolStore.Loaded loaded = store.load(symbol, stores);
            assertSameRecords(live, loaded.state(), "after tick " + (i + 1));
        }
        assertEquals(60, store.load(symbol, stores).replayed(), "the replay reads the old records and the new");
    }

    @Test
    void intervalOneWritesTheWholeStateEveryTickAndNoJournal() {
        SymbolStore store = symbolStore(1);
        MapStores stores = new MapStores();
        SymbolState s = store.create("S");
        assertEquals(40, feed(store, stores, s, ticks("S", 40)).size(), "a checkpoint at every tick");
        assertEquals(40, stores.count(StoreNames.SERIES));
        assertEquals(0, stores.count(StoreNames.JOURNAL));
        assertSameRecords(s, store.load("S", stores).state(), "interval 1");
    }

    @Test
    void aCorruptJournalRecordOrOneThatDoesNotFollowTheCheckpointIsRefused() {
        SymbolStore store = symbolStore(16);
        MapStores stores = new MapStores();
        SymbolState s = store.create("S");
        List<Tick> ticks = ticks("S", 40);
        List<Long> checkpoints = feed(store, stores, s, ticks);
        long checkpoint = checkpoints.get(checkpoints.size() - 1);
        assertTrue(checkpoint < 40, "the journal holds ticks after the checkpoint");
        long next = s.values.ticks() + 1;
        String key = store.journalKey("S", checkpoint + 1);
        byte[] good = stores.get(StoreNames.JOURNAL, key);
        byte[] flipped = good.clone();
        flipped[20] ^= 1;
        stores.put(StoreNames.JOURNAL, key, flipped);
        IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class, () -> store.load("S", stores));
        assertTrue(corrupt.getMessage().contains("journal state corrupt"), corrupt.getMessage());
        stores.put(StoreNames.JOURNAL, key, good);

        // A journaled tick older than the state it follows: refused on replay, with the symbol and the tick.
        stores.put(StoreNames.JOURNAL, store.journalKey("S", next), SymbolStore.journalRecord(next, ticks.get(3)));
        IllegalStateException stale = assertThrows(IllegalStateException.class, () -> store.load("S", stores));
        assertTrue(stale.getMessage().contains("symbol S") && stale.getMessage().contains("tick " + next), stale.getMessage());
    }
}
