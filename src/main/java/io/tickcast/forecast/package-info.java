/**
 * The statistical forecasting math: online experts (exponential smoothing grids, autoregressions by recursive
 * least squares, seasonal naive, drift), the seasonal period and its confirmation, the aggregation of experts
 * (ML-Poly), the shrinkage of the aggregate towards persistence, and adaptive conformal intervals. Imports only
 * the JDK and Hipparchus; the stream package wraps these classes as components of a symbol's state.
 *
 * <p>The algorithm and its constants come from a prototype measured prequentially on the development series
 * against R's auto.arima and ETS (see {@code docs/forecasting.md}).
 */
package io.tickcast.forecast;
