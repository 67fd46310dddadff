package io.tickcast.forecast;

/** A test {@link History}: a ring of the latest {@code capacity} values (the product's keeps 400). */
public final class RingHistory implements History {

    private final double[] ring;
    /** Where the next value goes. */
    private int head;
    private int count;
    private long observed;

    public RingHistory(int capacity) {
        ring = new double[capacity];
    }

    /** The product's capacity, 400. */
    public RingHistory() {
        this(Seasonality.RING);
    }

    public void push(double y) {
        ring[head] = y;
        head = head + 1 == ring.length ? 0 : head + 1;
        count = Math.min(count + 1, ring.length);
        observed++;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public double back(int k) {
        if (k < 0 || k >= count) {
            throw new IndexOutOfBoundsException("back(" + k + ") of " + count + " values");
        }
        int i = head - 1 - k;
        return ring[i < 0 ? i + ring.length : i];
    }

    @Override
    public long observed() {
        return observed;
    }
}
