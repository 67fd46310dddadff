package io.tickcast.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickcast.config.TickcastConfig;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.Json;
import io.tickcast.serde.Output;
import io.tickcast.serde.Tick;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tick whose step throws is that tick's failure only: it becomes an {@code internal_error} dead letter and the symbol
 * keeps the state it had before it. Proved by a detector that fails on one value <em>after</em> the step has already
 * changed the state in place (the value is appended, the detector has taken it): the run with the failing tick must
 * continue exactly — outputs and stored records, bit for bit — as a run that never saw it.
 */
class ForecastProcessorTest {

    private static final double POISON = 13.25;

    /** The production detector, failing on {@link #POISON} once it has taken the value in. */
    private record FailingDetector(BreakDetector inner) implements BreakDetector {
        @Override
        public BreakSignal update(String symbol, long ts, double value, int period) {
            BreakSignal b = inner.update(symbol, ts, value, period);
            if (value == POISON) {
                throw new IllegalStateException("injected failure after the detector took " + value);
            }
            return b;
        }

        @Override
        public int regimeTicks() {
            return inner.regimeTicks();
        }

        @Override
        public SymbolSnapshot.Detector summary() {
            return inner.summary();
        }

        @Override
        public int maxRecordBytes() {
            return inner.maxRecordBytes();
        }

        @Override
        public byte[] encode() {
            return inner.encode();
        }
    }

    /** A forecast processor over in-memory stores, recording what it forwards. */
    private static final class Harness {
        final MockProcessorContext<String, Output> context = new MockProcessorContext<>();
        final ForecastProcessor processor;
        final Map<String, KeyValueStore<String, byte[]>> stores = new LinkedHashMap<>();
        long offset;

        Harness(int checkpointTicks) {
            TickcastConfig c = TickcastConfig.parse(Map.of("model.hidden", "6", "state.checkpoint.ticks",
                    String.valueOf(checkpointTicks), "train.every", "8", "train.min", "16"));
            ForecastSettings settings = ForecastSettings.from(c);
            Components production = LearningComponents.from(c, settings);
            BreakDetector.Kind kind = production.detector();
            Components failing = new Components(production.lstm(), new BreakDetector.Kind() {
                @Override
                public BreakDetector create() {
                    return new FailingDetector(kind.create());
                }

                @Override
                public BreakDetector restore(byte[] stored) {
                    return new FailingDetector(kind.restore(stored));
                }
            }, production.react());
            SymbolStore symbolStore = new SymbolStore(settings, failing, checkpointTicks);
            processor = new ForecastProcessor(symbolStore, TickcastMetrics.bind(new SimpleMeterRegistry(), 10), false,
                    o -> { }, new DecodedStates.Budget(Long.MAX_VALUE));
            for (String name : StoreNames.ALL) {
                KeyValueStore<String, byte[]> s = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
                s.init(context.getStateStoreContext(), s);
                context.addStateStore(s);
                stores.put(name, s);
            }
            processor.init(context);
        }

        List<Output> process(Tick t) {
            context.setRecordMetadata("ticks", 0, offset++);
            processor.process(new Record<>(t.symbol(), t, t.ts()));
            List<Output> out = new ArrayList<>();
            context.forwarded().forEach(f -> out.add(f.record().value()));
            context.resetForwards();
            return out;
        }

        /** Every store's records, as text, for comparing two runs. */
        Map<String, String> contents() {
            Map<String, String> out = new TreeMap<>();
            stores.forEach((name, s) -> {
                try (KeyValueIterator<String, byte[]> it = s.all()) {
                    it.forEachRemaining(kv -> out.put(name + "/" + kv.key, java.util.Arrays.toString(kv.value)));
                }
            });
            return out;
        }
    }

    private static List<Tick> ticks(int n, int poisonAt) {
        Random r = new Random(5);
        List<Tick> out = new ArrayList<>();
        double v = 20;
        for (int t = 0; t < n; t++) {
            v += r.nextGaussian() + 0.3 * Math.sin(t / 3.0);
            out.add(new Tick("S", 1_700_000_000_000L + 60_000L * t, t == poisonAt ? POISON : v));
        }
        return out;
    }

    @Test
    void aTickWhoseStepThrowsIsADeadLetterAndTheSymbolContinuesAsIfItHadNeverComeIn() {
        for (int poisonAt : new int[] {0, 1, 37, 40}) {
            List<Tick> withPoison = ticks(120, poisonAt);
            Harness a = new Harness(8);
            Harness b = new Harness(8);
            for (int i = 0; i < withPoison.size(); i++) {
                Tick t = withPoison.get(i);
                List<Output> out = a.process(t);
                if (i == poisonAt) {
                    assertEquals(1, out.size());
                    DeadLetter d = (DeadLetter) out.get(0);
                    assertEquals("internal_error", d.reason());
                    assertTrue(d.detail().contains("injected failure"), d.detail());
                    assertTrue(d.detail().contains("FailingDetector.update"), d.detail());
                    assertEquals(i, d.offset());
                    continue;
                }
                List<Output> expected = b.process(t);
                assertEquals(json(expected), json(out), "tick " + i + " (poison at " + poisonAt + ")");
            }
            assertEquals(b.contents(), a.contents(), "the stores of the two runs (poison at " + poisonAt + ")");
        }
    }

    @Test
    void aStateThatCannotBeLoadedFailsEachOfItsTicksAndNoOtherSymbols() {
        Harness h = new Harness(8);
        h.process(new Tick("S", 1, 1));
        h.process(new Tick("T", 1, 1));
        h.stores.get(StoreNames.SERIES).put("S", new byte[] {1, 2, 3});
        // The state in memory is still good: drop it, as a restart would.
        h.processor.init(h.context);
        for (int i = 2; i < 5; i++) {
            DeadLetter d = (DeadLetter) h.process(new Tick("S", i, i)).get(0);
            assertEquals("internal_error", d.reason());
            assertTrue(h.process(new Tick("T", i, i)).get(0) instanceof io.tickcast.serde.Forecast);
        }
    }

    private static List<String> json(List<Output> outputs) {
        return outputs.stream().map(Json::toString).toList();
    }
}
