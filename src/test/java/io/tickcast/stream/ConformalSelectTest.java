package io.tickcast.stream;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConformalSelectTest {

    @Test
    void quickselectGivesTheSortedOrderStatistic() {
        Random r = new Random(4);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + r.nextInt(300);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                // Ties included on purpose: residual rings often repeat values.
                a[i] = r.nextInt(4) == 0 ? 1.0 : Math.abs(r.nextGaussian());
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = r.nextInt(n);
            assertEquals(sorted[k], ConformalIntervals.select(a.clone(), n, k));
        }
    }
}
