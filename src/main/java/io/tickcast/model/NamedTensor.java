package io.tickcast.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a PyTorch-style {@code state_dict}: a name such as {@code lstm.weight_ih_l0}, a shape
 * ({@code [rows, cols]} or {@code [n]}) and the values in row-major order.
 *
 * @param name  the full state_dict key
 * @param shape the dimensions, each at least 1
 * @param data  row-major values; its length is the product of {@code shape}
 */
public record NamedTensor(String name, int[] shape, double[] data) {

    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (shape.length == 0 || shape.length > 2 || n != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape)
                    + " does not fit " + data.length + " values");
        }
        shape = shape.clone();
        data = data.clone();
    }

    /** A 1-D tensor. */
    public static NamedTensor vector(String name, double[] values) {
        return new NamedTensor(name, new int[] {values.length}, values);
    }

    /** A 2-D tensor from rectangular rows. */
    public static NamedTensor matrix(String name, double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException(name + ": ragged row " + r);
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return new NamedTensor(name, new int[] {rows.length, cols}, data);
    }

    /** The shape (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The values (a copy). */
    @Override
    public double[] data() {
        return data.clone();
    }

    /** The shape in PyTorch notation, e.g. {@code [100, 25]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** Reads element {@code i} without copying. */
    double at(int i) {
        return data[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && t.name.equals(name) && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NamedTensor{" + name + " " + shapeString() + '}';
    }
}
