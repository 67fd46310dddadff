package io.tickcast.stream;

import java.util.List;

/** Names of tickcast's state stores, declared once. Their changelog topics are {@code <application.id>-<name>-changelog}. */
public final class StoreNames {
    /** Per symbol: the series record of its {@link SymbolState} (recent values, scale, pending forecasts, scores, intervals, aggregator). Written every tick. */
    public static final String SERIES = "tickcast-series";
    /** Per symbol: the LSTM expert (weights, optimiser state, counters). Written after each fine-tuning call. */
    public static final String MODELS = "tickcast-models";
    /** Per symbol: the break detector. Written every tick. */
    public static final String CHOW = "tickcast-chow";

    /** Every store, in the order the topology declares them. */
    public static final List<String> ALL = List.of(SERIES, MODELS, CHOW);

    private StoreNames() {
    }
}
