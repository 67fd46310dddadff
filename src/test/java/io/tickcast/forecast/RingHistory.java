package io.tickcast.forecast;

/** A test {@link History}: a ring of the latest {@code capacity} values (the product's keeps 400). */
public final class RingHistory implements History {

    private final double[] ring;
    private long observed;

    public RingHistory(int capacity) {
        ring = new double[capacity];
    }

    /** The product's capacity, 400. */
    public RingHistory() {
        this(Seasonality.RING);
    }

    public void push(double y) {
        ring[(int) (observed % ring.length)] = y;
        observed++;
    }

    @Override
    public int count() {
        return (int) Math.min(observed, ring.length);
    }

    @Override
    public double back(int k) {
        if (k < 0 || k >= count()) {
            throw new IndexOutOfBoundsException("back(" + k + ") of " + count() + " values");
        }
        return ring[(int) ((observed - 1 - k) % ring.length)];
    }

    @Override
    public long observed() {
        return observed;
    }
}
