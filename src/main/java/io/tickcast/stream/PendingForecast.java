package io.tickcast.stream;

/**
 * One forecast awaiting its actual values: made at the value {@code base} when the changes' scale was
 * {@code scale}; per step h (0-based) the final forecast and its interval, and each expert's forecast of the
 * change {@code v[t+h+1] − base} (meaningful where {@code ready[e]}). Its step h is scored h + 1 ticks later.
 * The arrays are owned by the record and not modified after it is made.
 */
record PendingForecast(double base, double scale, double[] forecast, double[] lower, double[] upper,
                       double[][] expertChange, boolean[] ready) {

    int horizon() {
        return forecast.length;
    }

    /** Whether any expert's forecast went into it (false: persistence). */
    boolean anyReady() {
        for (boolean r : ready) {
            if (r) {
                return true;
            }
        }
        return false;
    }
}
