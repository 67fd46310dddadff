#!/usr/bin/env Rscript
# Golden values for io.tickcast.stats tests, from R's strucchange (Zeileis et al.).
# Run from this directory:  Rscript make_reference.R
# Writes (all numbers as %.17g):
#   series.csv        the test series (seeded R RNG): AR(1) around 2000 with a mean shift of +10 at t = 181
#   fstats.csv        Fstats(y ~ lags, from = 0.15) at every breakpoint, with and without intercept
#   summary.csv       per case: n, k, from, to, lambda, sup-F, breakpoint, sctest supF p-value, and the
#                     Chow test at breakpoint floor(n/2) from lm(): RSS, RSS1, RSS2, F, qf, pf
#   windows.csv       the same on sliding windows of 120 pairs (what RollingChow sees)
#   pvalues.csv       strucchange:::pvalue.Fstats(x, "supF", k, lambda) on a grid
suppressMessages(library(strucchange))
f17 <- function(v) sprintf("%.17g", v)

set.seed(20240611)
N <- 300
mu <- ifelse(seq_len(N) <= 180, 2000, 2010)
v <- numeric(N)
v[1] <- mu[1]
for (t in 2:N) v[t] <- mu[t] + 0.6 * (v[t - 1] - mu[t - 1]) + 3 * rnorm(1)
writeLines(c("value", f17(v)), "series.csv")

LAGS <- 5
lagdesign <- function(s) {
  n <- length(s) - LAGS
  X <- sapply(1:LAGS, function(j) s[(LAGS + 1 - j):(length(s) - j)])
  list(X = matrix(X, nrow = n), y = s[(LAGS + 1):length(s)])
}
rss <- function(X, y, intercept) {
  fit <- if (intercept) lm(y ~ X) else lm(y ~ 0 + X)
  sum(residuals(fit)^2)
}
chow <- function(X, y, bp, intercept, alpha = 0.05) {
  k <- ncol(X) + intercept
  n <- length(y)
  r <- rss(X, y, intercept)
  r1 <- rss(X[1:bp, , drop = FALSE], y[1:bp], intercept)
  r2 <- rss(X[(bp + 1):n, , drop = FALSE], y[(bp + 1):n], intercept)
  f <- ((r - (r1 + r2)) / k) / ((r1 + r2) / (n - 2 * k))
  c(rss = r, rss1 = r1, rss2 = r2, f = f, fcrit = qf(1 - alpha, k, n - 2 * k),
    p = pf(f, k, n - 2 * k, lower.tail = FALSE))
}
scan <- function(X, y, intercept) {
  fs <- if (intercept) Fstats(y ~ X, from = 0.15) else Fstats(y ~ 0 + X, from = 0.15)
  st <- sctest(fs, type = "supF")
  from <- fs$breakpoint - which.max(fs$Fstats) + 1
  list(fs = fs, from = from, to = from + length(fs$Fstats) - 1, p = unname(st$p.value),
       sup = unname(st$statistic))
}

d <- lagdesign(v)
fl <- c(); sl <- c()
for (ic in c(TRUE, FALSE)) {
  s <- scan(d$X, d$y, ic)
  n <- length(d$y)
  k <- LAGS + ic
  pts <- s$from:s$to
  fl <- c(fl, paste(ic, pts, f17(as.numeric(s$fs$Fstats)), sep = ","))
  ch <- chow(d$X, d$y, n %/% 2, ic)
  sl <- c(sl, paste(ic, n, k, s$from, s$to, f17(s$fs$par), f17(s$sup), s$fs$breakpoint, f17(s$p),
                    n %/% 2, paste(f17(ch), collapse = ","), sep = ","))
}
writeLines(c("intercept,breakpoint,F", fl), "fstats.csv")
writeLines(c("intercept,n,k,from,to,lambda,supF,breakpoint,supP,bp,rss,rss1,rss2,F,Fcrit,p", sl),
           "summary.csv")

# Sliding windows of W pairs ending at the response with 1-based index `end` of the series.
W <- 120
wl <- c()
for (ic in c(TRUE, FALSE)) {
  for (end in seq(W + LAGS, N, by = 15)) {
    dw <- lagdesign(v[(end - W - LAGS + 1):end])
    s <- scan(dw$X, dw$y, ic)
    ch <- chow(dw$X, dw$y, W %/% 2, ic)
    wl <- c(wl, paste(ic, end, f17(s$sup), s$fs$breakpoint, f17(s$p), f17(ch[["f"]]), f17(ch[["p"]]),
                      sep = ","))
  }
}
writeLines(c("intercept,end,supF,breakpoint,supP,F,p", wl), "windows.csv")

pv <- c()
for (k in c(1, 2, 3, 5, 6, 10, 25, 40)) {
  for (lambda in c(0.005, 0.3, 1, 1.0001, 1.5, 4, 9, 16, 32.111111111111114, 81, 361, 1e5)) {
    for (x in c(0, 0.5, 2, 5, 8.5, 12, 16, 20, 25, 35, 60)) {
      pv <- c(pv, paste(k, f17(lambda), f17(x),
                        f17(strucchange:::pvalue.Fstats(x, type = "supF", k = k, lambda = lambda)), sep = ","))
    }
  }
}
writeLines(c("k,lambda,x,p", pv), "pvalues.csv")
