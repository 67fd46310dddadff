package io.tickcast.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * TCPDBench's scores of detected change points against several people's annotations (van den Burg &amp; Williams,
 * "An Evaluation of Change Point Detection Algorithms", 2020, section 4; their {@code cpdbench_utils/metrics.py}).
 * A change point is the 0-based index of the first observation of a new regime.
 * <ul>
 *   <li><b>F1 with a margin M</b> ({@link #f1}): 0 is added to every annotator's set T_k and to the detections X.
 *       TP(T, X) matches each τ of T, in turn, to the nearest still unmatched x of X with |τ − x| ≤ M (each x at most
 *       once); precision P = |TP(T*, X)| / |X| with T* = ∪ T_k, recall R = (1/K) Σ_k |TP(T_k, X)| / |T_k|,
 *       F1 = 2PR / (P + R) (0 if P + R = 0).</li>
 *   <li><b>Covering</b> ({@link #cover}, Arbelaez et al. 2011): points c with 0 &lt; c &lt; n cut 0..n−1 into
 *       segments; C(S', S) = (1/n) Σ_{R ∈ S} |R| · max_{R' ∈ S'} |R ∩ R'| / |R ∪ R'| is how well the detected
 *       segmentation S' covers an annotator's S; the score is the mean of C over the annotators.</li>
 * </ul>
 * {@link #of} scores a detector's locations as TCPDBench does: distinct, within [1, n − 2] ({@link #locations}), M = 5.
 *
 * <p>The reference is the Python transcription {@code tcpd_metrics.py} beside this class's test. One difference:
 * TP takes the annotated points τ in ascending order, TCPDBench in the iteration order of a Python {@code set}
 * (its hash table's order, ascending only while the values are below the table's size). The order matters only
 * when two annotated points compete for one detection and the one taken first is not the one it is nearest to.
 */
public record ChangePointScore(double f1, double cover) {

    /** TCPDBench's margin: a detection within this many indices of an annotated point matches it. */
    public static final int MARGIN = 5;

    /**
     * The scores of {@code predictions} over a series of {@code n} observations, after {@link #locations}, with the
     * margin {@link #MARGIN}.
     *
     * @param annotators each annotator's change points (an empty array: no change seen)
     * @throws IllegalArgumentException without annotators, or with {@code n < 1}
     */
    public static ChangePointScore of(Collection<int[]> annotators, int[] predictions, int n) {
        int[] x = locations(predictions, n);
        return new ChangePointScore(f1(annotators, x, MARGIN), cover(annotators, x, n));
    }

    /** Declaring no change at all: TCPDBench's "zero" method. */
    public static ChangePointScore zero(Collection<int[]> annotators, int n) {
        return of(annotators, new int[0], n);
    }

    /** The detected locations TCPDBench scores: distinct, ascending, within [1, n − 2]. */
    public static int[] locations(int[] raw, int n) {
        return Arrays.stream(raw).filter(i -> i >= 1 && i <= n - 2).distinct().sorted().toArray();
    }

    /**
     * F1 with a margin, as in the class comment (no filtering of {@code predictions}: {@link #of} does that).
     *
     * @throws IllegalArgumentException without annotators
     */
    public static double f1(Collection<int[]> annotators, int[] predictions, int margin) {
        requireAnnotators(annotators);
        int[] x = withZero(predictions);
        TreeSet<Integer> union = new TreeSet<>();
        double recall = 0;
        for (int[] a : annotators) {
            int[] t = withZero(a);
            IntStream.of(t).forEach(union::add);
            recall += (double) truePositives(t, x, margin) / t.length;
        }
        recall /= annotators.size();
        int[] tStar = union.stream().mapToInt(Integer::intValue).toArray();
        double precision = (double) truePositives(tStar, x, margin) / x.length;
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }

    /**
     * |TP(T, X)|: each τ of {@code t} (ascending) takes the nearest unused x of {@code x} within {@code margin} (on a
     * tie the smaller x, as Python's sort of (distance, x) pairs does).
     */
    static int truePositives(int[] t, int[] x, int margin) {
        boolean[] used = new boolean[x.length];
        int count = 0;
        for (int tau : t) {
            int best = -1;
            for (int j = 0; j < x.length; j++) {
                int d = Math.abs(tau - x[j]);
                if (!used[j] && d <= margin && (best < 0 || d < Math.abs(tau - x[best])
                        || d == Math.abs(tau - x[best]) && x[j] < x[best])) {
                    best = j;
                }
            }
            if (best >= 0) {
                used[best] = true;
                count++;
            }
        }
        return count;
    }

    /**
     * The covering metric, as in the class comment; points outside 1..n−1 cut nothing.
     *
     * @throws IllegalArgumentException without annotators, or with {@code n < 1}
     */
    public static double cover(Collection<int[]> annotators, int[] predictions, int n) {
        requireAnnotators(annotators);
        if (n < 1) {
            throw new IllegalArgumentException("a series of " + n + " observations");
        }
        List<int[]> detected = partition(predictions, n);
        double sum = 0;
        for (int[] a : annotators) {
            double c = 0;
            for (int[] r : partition(a, n)) {
                double best = 0;
                for (int[] rp : detected) {
                    best = Math.max(best, jaccard(r, rp));
                }
                c += (r[1] - r[0]) * best;
            }
            sum += c / n;
        }
        return sum / annotators.size();
    }

    /** The segments [start, end) that the distinct points 0 &lt; c &lt; n cut 0..n−1 into, in order. */
    static List<int[]> partition(int[] points, int n) {
        int[] cuts = Arrays.stream(points).filter(c -> c > 0 && c < n).distinct().sorted().toArray();
        List<int[]> out = new ArrayList<>(cuts.length + 1);
        int start = 0;
        for (int c : cuts) {
            out.add(new int[] {start, c});
            start = c;
        }
        out.add(new int[] {start, n});
        return out;
    }

    /** |A ∩ B| / |A ∪ B| of two segments [start, end). */
    static double jaccard(int[] a, int[] b) {
        int inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
        return (double) inter / ((a[1] - a[0]) + (b[1] - b[0]) - inter);
    }

    /** The distinct values and 0, ascending. */
    private static int[] withZero(int[] points) {
        return IntStream.concat(IntStream.of(0), Arrays.stream(points)).distinct().sorted().toArray();
    }

    private static void requireAnnotators(Collection<int[]> annotators) {
        if (annotators.isEmpty()) {
            throw new IllegalArgumentException("no annotators: the scores are means over annotators");
        }
    }
}
