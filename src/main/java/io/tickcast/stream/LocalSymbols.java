package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The symbols this instance's stores hold, read through Kafka Streams interactive queries and decoded into
 * {@link SymbolSnapshot}s: the only reader of the stores outside the topology. Every method throws Kafka
 * Streams' {@code InvalidStateStoreException} while the stores are not queryable (rebalancing, restoring).
 */
public final class LocalSymbols {

    private final KafkaStreams streams;
    private final SymbolStore symbolStore;

    public LocalSymbols(KafkaStreams streams, TickcastConfig config) {
        this.streams = streams;
        ForecastSettings settings = ForecastSettings.from(config);
        this.symbolStore = new SymbolStore(settings, LearningComponents.from(config, settings),
                config.getInt(TickcastConfig.STATE_CHECKPOINT_TICKS));
    }

    /** Where the symbol's state lives (its active host), or null while unknown. */
    public KeyQueryMetadata metadata(String symbol) {
        return streams.queryMetadataForKey(StoreNames.SERIES, symbol, Serdes.String().serializer());
    }

    /** The symbol's state in this instance's stores (its checkpoint and journal replayed), or empty if they hold none. */
    public Optional<SymbolSnapshot> get(String symbol) {
        SymbolStore.Loaded s = symbolStore.load(symbol, (store, key) -> store(store).get(key));
        return s == null ? Optional.empty() : Optional.of(s.state().snapshot());
    }

    /** The symbols in this instance's stores. */
    public SortedSet<String> symbols() {
        TreeSet<String> out = new TreeSet<>();
        try (KeyValueIterator<String, byte[]> it = store(StoreNames.SERIES).all()) {
            it.forEachRemaining((KeyValue<String, byte[]> kv) -> out.add(kv.key));
        }
        return out;
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }
}
