package io.tickcast.stream;

/** Names of tickcast's state stores, declared once. Their changelog topics are {@code <application.id>-<name>-changelog}. */
public final class StoreNames {
    /** Per symbol: {@link SeriesState} (recent values, normalisation, pending forecasts, scores). */
    public static final String SERIES = "tickcast-series";
    /** Per symbol: the model state (weights, optimiser state, counters). Written only when the model trains. */
    public static final String MODELS = "tickcast-models";
    /** Per symbol: the rolling Chow detector. */
    public static final String CHOW = "tickcast-chow";

    private StoreNames() {
    }
}
