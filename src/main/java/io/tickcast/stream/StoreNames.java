package io.tickcast.stream;

import java.util.List;

/** Names of tickcast's state stores, declared once. Their changelog topics are {@code <application.id>-<name>-changelog}. */
public final class StoreNames {
    /**
     * Per symbol: the series record of its {@link SymbolState} (recent values, scale, pending forecasts, scores,
     * intervals, panel) as of its latest checkpoint ({@link SymbolStore}).
     */
    public static final String SERIES = "tickcast-series";
    /** Per symbol: the LSTM expert (weights, optimiser state, counters) as of the latest checkpoint after it trained. */
    public static final String MODELS = "tickcast-models";
    /** Per symbol: the break detector as of the latest checkpoint. */
    public static final String CHOW = "tickcast-chow";
    /**
     * Per symbol and slot: the ticks accepted since the checkpoint, one small record each, keyed
     * {@code <symbol>/<slot>} ({@link SymbolStore}).
     */
    public static final String JOURNAL = "tickcast-journal";

    /** The stores of a symbol's checkpoint, one record per symbol keyed by the symbol. */
    public static final List<String> CHECKPOINT = List.of(SERIES, MODELS, CHOW);
    /** Every store, in the order the topology declares them. */
    public static final List<String> ALL = List.of(SERIES, MODELS, CHOW, JOURNAL);

    private StoreNames() {
    }
}
