package io.tickcast.stats;

/** Where a {@link RollingChow} looks for a break inside its window. */
public enum ChowMode {
    /**
     * Chow (1960) test at a known breakpoint: the middle of the window ({@code window / 2} pairs on
     * the left). Statistic: the notebook's Chow F; critical value and p-value from F(k, n - 2k).
     */
    FIXED,
    /**
     * Andrews (1993) sup-F test over every breakpoint of the trimmed window; statistic on
     * strucchange's {@code Fstats} scale (k times the Chow F), p-value by Hansen's (1997) approximation.
     */
    SCAN
}
