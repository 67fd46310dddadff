# Reference values for the break monitor (io.tickcast.stats.BreakMonitor), checked by BreakMonitorReferenceTest.
# Run in this directory: Rscript make_monitor_reference.R   (R 4.2.2, strucchange 1.5.3)
#
# series.csv     a seeded AR(1) series (phi 0.5, innovation sd 1, level 20) with a +3 mean shift at obs 121 (1-based)
# recresid.csv   strucchange::recresid of y_t ~ 1 + y_{t-1} (rows 2..n) and its Q statistics
#                q_t = qnorm(pt(w_t / s_{t-1}, nu)); then the monitor's pipeline: wc, the recursive residual with the
#                lag-1 coefficient bias-corrected (phi + (1 + 3 phi) / n, at most 1, intercept through the means),
#                its Q statistics divided by the delayed long-run standard deviation (Bartlett, 10 lags, q's at
#                least 50 ticks old, from 20 of them, clamped to [1, 4]), and the two-sided CUSUM S (k = 0.5) after a
#                history of 20 rows
# runlength.csv  P(one-sided CUSUM alarms within n steps), N(0,1) increments, by a Brook-Evans Markov chain of
#                4,000 states (an independent method from the monitor's Gauss-Legendre Nystrom)
# dating.csv     breakpoints(y ~ ylag, h, breaks = 1) and confint(level = 0.95) on rows 1..m of the lag design
# argmax.csv     the quantiles of argmax V (pargmaxV, Bai 1997) by uniroot at tolerance 1e-13
suppressMessages(library(strucchange))
set.seed(20261201)
n <- 160
e <- numeric(n); z <- rnorm(n)
for (t in 1:n) e[t] <- (if (t > 1) 0.5 * e[t - 1] else 0) + z[t]
y <- 20 + e + ifelse(seq_len(n) >= 121, 3, 0)
write.csv(data.frame(t = 0:(n - 1), y = sprintf("%.17g", y)), "series.csv", row.names = FALSE, quote = FALSE)

# the regression rows: responses y[2..n], regressors (1, y[t-1])
Y <- y[-1]; X <- cbind(1, y[-n])
w <- recresid(X, Y)                      # rows 3..n-1 of the design (start = k + 1 = 3)
nr <- length(Y)
q <- rep(NA, length(w)); ss <- 0; nu <- 0
for (i in seq_along(w)) {
  if (nu >= 1) { tt <- w[i] / sqrt(ss / nu); q[i] <- qnorm(pt(tt, nu)) }
  ss <- ss + w[i]^2; nu <- nu + 1
}
# w[i] is the residual of design row i + 2 (1-based), i.e. of tick index i + 2 (0-based: the row's response y[i + 3]).
rows <- seq_along(w) + 2
# the bias-corrected recursive residuals, directly by least squares on the earlier rows
wc <- sapply(seq_along(w), function(i) {
  r <- i + 2; Xp <- X[1:(r - 1), , drop = FALSE]; Yp <- Y[1:(r - 1)]
  XtX <- crossprod(Xp); b <- solve(XtX, crossprod(Xp, Yp)); nr <- r - 1
  b1 <- min(1, b[2] + (1 + 3 * b[2]) / nr); b0 <- b[1] - (b1 - b[2]) * mean(Xp[, 2])
  x <- X[r, ]
  (Y[r] - (b0 + b1 * x[2])) / sqrt(1 + drop(t(x) %*% solve(XtX, x)))
})
J <- 10; D <- 50; LRMIN <- 20; qs <- c(); acov <- rep(0, J + 1)
lrscale <- function() {
  n <- length(qs) - D
  if (n < LRMIN || acov[1] <= 0) return(1)
  lr <- 1 + 2 * sum((1 - (1:J) / (J + 1)) * acov[2:(J + 1)] / acov[1])
  sqrt(max(1, min(4, lr)))
}
qc <- rep(NA, length(wc)); ss <- 0; nu <- 0
for (i in seq_along(wc)) {
  if (nu >= 1) {
    raw <- qnorm(pt(wc[i] / sqrt(ss / nu), nu)); qc[i] <- raw / lrscale()
    qs <- c(qs, raw); idx <- length(qs) - 1 - D           # 0-based index of the q entering the autocovariances
    if (idx >= 0) {
      qi <- qs[idx + 1]; acov[1] <- acov[1] + qi^2
      for (j in seq_len(min(J, idx))) acov[j + 1] <- acov[j + 1] + qi * qs[idx - j + 1]
    }
  }
  ss <- ss + wc[i]^2; nu <- nu + 1
}
hist <- 20; k <- 0.5; sp <- 0; sm <- 0; S <- rep(NA, length(w))
for (i in seq_along(w)) {
  if (!is.na(qc[i]) && rows[i] > hist) {   # the row count of the regime after this row exceeds the history
    sp <- max(0, sp + qc[i] - k); sm <- max(0, sm - qc[i] - k); S[i] <- max(sp, sm)
  }
}
write.csv(data.frame(tick = rows, w = sprintf("%.17g", w), q = sprintf("%.17g", q), wc = sprintf("%.17g", wc),
                     qc = sprintf("%.17g", qc), S = sprintf("%.17g", S)),
          "recresid.csv", row.names = FALSE, quote = FALSE)

# Brook & Evans (1972): states = midpoints of N cells of [0, h]; state 0 is the atom at 0 (as the first cell).
runlength <- function(k, h, nsteps, N = 4000) {
  w <- h / N; s <- c(0, (seq_len(N - 1) - 0.5) * w + w / 2)   # first state: S = 0; the others: cell midpoints
  s <- (0:(N - 1)) * w
  P <- matrix(0, N, N)
  for (i in 1:N) {
    P[i, 1] <- pnorm(k - s[i] + w / 2)
    if (N > 1) {
      up <- pnorm((2:N - 1) * w + w / 2 + k - s[i]); lo <- pnorm((2:N - 1) * w - w / 2 + k - s[i])
      P[i, 2:N] <- up - lo
    }
  }
  v <- rep(1, N); out <- numeric(length(nsteps)); done <- 0
  for (step in 1:max(nsteps)) {
    v <- as.vector(P %*% v)
    if (step %in% nsteps) out[match(step, nsteps)] <- 1 - v[1]
  }
  out
}
grid <- expand.grid(h = c(4, 6, 8.72019706666, 10), n = c(100, 1000))
res <- do.call(rbind, lapply(unique(grid$h), function(h) {
  p <- runlength(0.5, h, c(100, 1000)); data.frame(k = 0.5, h = h, n = c(100, 1000), p = sprintf("%.10g", p))
}))
write.csv(res, "runlength.csv", row.names = FALSE, quote = FALSE)

# dating on the first m rows of the design (m = 140: the break at design row 120 = tick 120)
m <- 140; hmin <- 4
Xm <- X[1:m, ]; Ym <- Y[1:m]; ylag <- Xm[, 2]
bp <- breakpoints(Ym ~ ylag, h = hmin, breaks = 1)
b1 <- breakpoints(bp, breaks = 1)$breakpoints
ci <- confint(bp, breaks = 1, level = 0.95)$confint
rss <- bp$RSS(1, m); rss1 <- bp$RSS(1, b1); rss2 <- bp$RSS(b1 + 1, m)
f <- (rss - rss1 - rss2) / ((rss1 + rss2) / (m - 4))
write.csv(data.frame(rows = m, hmin = hmin, breakpoint = b1, lower = ci[1, 1], upper = ci[1, 3],
                     rss = sprintf("%.17g", rss), rss1 = sprintf("%.17g", rss1), rss2 = sprintf("%.17g", rss2),
                     f = sprintf("%.17g", f)), "dating.csv", row.names = FALSE, quote = FALSE)

# argmax V quantiles on a grid of (xi, phi1, phi2)
pv <- strucchange:::pargmaxV
rows <- list()
for (xi in c(0.5, 1, 2.5)) for (phi1 in c(0.7, 1)) for (phi2 in c(0.5, 1, 1.8)) {
  f <- function(x, lev) pv(x, xi = xi, phi1 = phi1, phi2 = phi2) - lev
  ub <- 0; while (pv(ub, xi = xi, phi1 = phi1, phi2 = phi2) < 0.975) ub <- ub + 1000
  lb <- 0; while (pv(lb, xi = xi, phi1 = phi1, phi2 = phi2) > 0.025) lb <- lb - 1000
  up <- uniroot(f, c(0, ub), lev = 0.975, tol = 1e-13)$root
  lo <- uniroot(f, c(lb, 0), lev = 0.025, tol = 1e-13)$root
  rows[[length(rows) + 1]] <- data.frame(xi = xi, phi1 = phi1, phi2 = phi2,
    cdf_m5 = sprintf("%.17g", pv(-5, xi = xi, phi1 = phi1, phi2 = phi2)),
    cdf_3 = sprintf("%.17g", pv(3, xi = xi, phi1 = phi1, phi2 = phi2)),
    lower = sprintf("%.17g", lo), upper = sprintf("%.17g", up))
}
write.csv(do.call(rbind, rows), "argmax.csv", row.names = FALSE, quote = FALSE)
