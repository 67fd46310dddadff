package io.tickcast.stream;

/**
 * One forecast awaiting its actual values, made at the value {@code base} when the changes' scale was
 * {@code scale}. Per step h (0-based): the final forecast, its interval and the interval's normaliser, the
 * unshrunk aggregate, and for each expert its forecast level and weight. Its step h is scored h + 1 ticks later.
 * The arrays are owned by the record and not modified after it is made.
 *
 * @param levels  [step][expert] the experts' forecast levels (0 where asleep); null before the panel was built
 * @param weights [step][expert] the aggregator's weights; null before the panel was built
 * @param awake   [expert] which experts took part; null before the panel was built
 */
record PendingForecast(double base, double scale, double[] forecast, double[] lower, double[] upper, double[] norm,
                       double[] raw, double[][] levels, double[][] weights, boolean[] awake) {

    int horizon() {
        return forecast.length;
    }
}
