package io.tickcast.serde;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A forecast's expert weights as a read-only {@code Map<String, Double>} in the experts' order, kept as the panel's
 * (shared, immutable) list of names and a primitive array of weights: the hot path builds it with one array copy,
 * where a {@code LinkedHashMap} took a node and a boxed {@code Double} per expert on every tick. Readers that want
 * the primitives ({@link OutputWriter}, the metrics) use {@link #size()}, {@link #name(int)} and {@link #weight(int)};
 * everything else sees an ordinary map (equal to any map with the same entries; its entries box on iteration).
 */
public final class ExpertWeights extends AbstractMap<String, Double> {

    private final String[] names;
    private final double[] weights;

    private ExpertWeights(String[] names, double[] weights) {
        this.names = names;
        this.weights = weights;
    }

    /**
     * The weights {@code w[k]} of the experts {@code names.get(k)} whose {@code awake[k]} is set, in that order
     * (copied: the arrays are the caller's scratch).
     */
    public static ExpertWeights of(List<String> names, double[] w, boolean[] awake) {
        int n = 0;
        for (int k = 0; k < w.length; k++) {
            if (awake[k]) {
                n++;
            }
        }
        String[] ns = new String[n];
        double[] ws = new double[n];
        int i = 0;
        for (int k = 0; k < w.length; k++) {
            if (awake[k]) {
                ns[i] = names.get(k);
                ws[i] = w[k];
                i++;
            }
        }
        return new ExpertWeights(ns, ws);
    }

    @Override
    public int size() {
        return names.length;
    }

    /** The name of the i-th expert, 0 ≤ i < {@link #size()}. */
    public String name(int i) {
        return names[i];
    }

    /** The weight of the i-th expert. */
    public double weight(int i) {
        return weights[i];
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Double get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : weights[i];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Double> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], weights[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < names.length;
                    }

                    @Override
                    public Map.Entry<String, Double> next() {
                        if (i >= names.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Double> e = new SimpleImmutableEntry<>(names[i], weights[i]);
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
