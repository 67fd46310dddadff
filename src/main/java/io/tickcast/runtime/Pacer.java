package io.tickcast.runtime;

/** Holds a loop to a rate: call {@link #pace()} once per item. A rate ≤ 0 never waits. */
public final class Pacer {

    private final long intervalNanos;
    private long next = System.nanoTime();

    public Pacer(double perSecond) {
        this.intervalNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
    }

    public void pace() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        next += intervalNanos;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
    }
}
