package io.tickcast.forecast;

/** The recent values of one series, as the experts read them. */
public interface History {

    /** Values kept (at most the ring's capacity). */
    int count();

    /** The value {@code k} observations before the latest ({@code k} = 0: the latest); requires {@code k < count()}. */
    double back(int k);

    /** Values observed in all (the kept ones and the older ones). */
    long observed();
}
