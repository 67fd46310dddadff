package io.tickcast.forecast;

/** A ring of the most recent values, as the symbol's state keeps them: the experts' {@link History} in tests and benchmarks. */
public final class ArrayHistory implements History {

    private final double[] ring;
    private long observed;

    public ArrayHistory(int capacity) {
        ring = new double[capacity];
    }

    /** Appends the latest value. */
    public ArrayHistory push(double value) {
        ring[(int) (observed % ring.length)] = value;
        observed++;
        return this;
    }

    @Override
    public int count() {
        return (int) Math.min(observed, ring.length);
    }

    @Override
    public double back(int k) {
        if (k < 0 || k >= count()) {
            throw new IndexOutOfBoundsException("back(" + k + ") of " + count());
        }
        return ring[(int) ((observed - 1 - k) % ring.length)];
    }

    @Override
    public long observed() {
        return observed;
    }
}
