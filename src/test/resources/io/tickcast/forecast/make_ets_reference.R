# Reference values for EtsFamilyRTest: one-step fitted values and h-step forecasts of R's forecast::ets with FIXED
# smoothing parameters AND fixed initial states, for a few members of tickcast's exponential-smoothing grids.
#
# Run (from this folder):  Rscript make_ets_reference.R      -> writes ets_reference.csv beside this script
# Made with R 4.2.2 and forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#
# How the states are fixed. ets(y, model = <an ets object>, use.initial.values = TRUE) re-uses the object's $par
# (alpha, beta, gamma, phi) and its $initstate as they are: it calls forecast:::pegelsresid.C(y, m, model$initstate,
# ...) once, without optimising anything, and its fitted values are y - e, the one-step forecasts. So the script fits
# any model of the wanted form once (only to get an ets object of that form), overwrites $par and $initstate with
# tickcast's values, and refits that way; forecast(fit, h) then gives the h-step forecasts from the last state.
# Every model form used here (ANN, AAN, AAdN, AAdA) can be fixed this way, so nothing is left to the direct
# recursion test alone.
#
# The initial states are the ones tickcast's start-up computes (docs/forecasting-spec.md section 5.2), computed
# here by the same formulas in R and written to the CSV (rows "init"), where the Java test checks its own start-up
# against them before comparing forecasts:
#   non-seasonal: at the first value, l = z_1, b = 0; R is given y_2..y_n and initstate (l, b).
#   seasonal (m): from the first 2m values, l, b and s_0..s_{m-1} (s_0 = the season of value 2m+1); R is given
#                 y_{2m+1}..y_n. R's state vector is (l, b, s1, ..., sm) with s1 the most recent season and sm
#                 the one used for the next value, so R's s_i = tickcast's s_{m-i}.
# Parameters: R's alpha, beta, gamma, phi are the error-correction form's (Hyndman et al. 2008, table 2.2), as
# tickcast's: beta = alpha * beta*. Log families: R runs on z = log(y) and the values written are exp(fitted).
#
# CSV columns: case, family, alpha, betastar, phi, gamma, period, kind, t, value
#   kind y:     value of the series at t (1-based)
#   kind init:  t = 0 level, 1 trend, 2 + j season s_j (tickcast's slot order, j = 0 is the next value's)
#   kind fit:   R's one-step forecast of y_t (from the values before t)
#   kind fcast: R's forecast of y_t for t = n + 1 .. n + 6, made after the last value
suppressPackageStartupMessages(library(forecast))

out <- file("ets_reference.csv", "w")
writeLines("case,family,alpha,betastar,phi,gamma,period,kind,t,value", out)
g <- function(x) sprintf("%.17g", x)
p <- function(x) format(x, digits = 15)

startup <- function(z, m) {
  if (m == 0) return(list(l = z[1], b = 0, s = numeric(0), first = 2))
  w <- z[1:(2 * m)]
  c1 <- mean(w[1:m]); c2 <- mean(w[(m + 1):(2 * m)])
  slope <- (c2 - c1) / m
  tau <- (0:(2 * m - 1)) - (2 * m - 1) / 2
  r <- w - ((c1 + c2) / 2 + slope * tau)
  s <- 0.5 * (r[1:m] + r[(m + 1):(2 * m)])
  s <- s - mean(s)
  list(l = (c1 + c2) / 2 + slope * tau[2 * m], b = slope, s = s, first = 2 * m + 1)
}

reference <- function(case, family, y, alpha, betastar, phi, gamma, m, log) {
  z <- if (log) log(y) else y
  st <- startup(z, m)
  trend <- family != "ses"
  damped <- trend && phi < 1
  form <- paste0("A", if (trend) "A" else "N", if (m > 0) "A" else "N")
  zz <- ts(z[st$first:length(z)], frequency = max(m, 1))
  template <- ets(zz, model = form, damped = if (trend) damped else NULL)
  par <- c(alpha = alpha)
  if (trend) par <- c(par, beta = alpha * betastar)
  if (m > 0) par <- c(par, gamma = gamma)
  if (damped) par <- c(par, phi = phi)
  template$par <- par
  init <- st$l
  if (trend) init <- c(init, st$b)
  if (m > 0) init <- c(init, rev(st$s))          # R's s1..sm = tickcast's s_{m-1}..s_0
  template$initstate <- init
  fit <- ets(zz, model = template, use.initial.values = TRUE)
  back <- if (log) exp else identity
  fitted_y <- back(as.numeric(fitted(fit)))
  fc <- back(as.numeric(forecast(fit, h = 6, PI = FALSE)$mean))
  row <- function(kind, t, v) {
    writeLines(paste(case, family, p(alpha), p(betastar), p(phi), p(gamma), m, kind, t, g(v), sep = ","), out)
  }
  for (t in seq_along(y)) row("y", t, y[t])
  row("init", 0, st$l)
  row("init", 1, if (trend) st$b else 0)
  for (j in seq_along(st$s)) row("init", 1 + j, st$s[j])
  for (i in seq_along(fitted_y)) row("fit", st$first - 1 + i, fitted_y[i])
  for (h in 1:6) row("fcast", length(y) + h, fc[h])
}

set.seed(20240501)
n <- 120
walk <- 50 + cumsum(rnorm(n, 0.2, 1)) + rnorm(n, 0, 0.5)
tt <- 1:144
monthly <- 100 + 0.3 * tt + 8 * sin(2 * pi * tt / 12) + 3 * cos(2 * pi * tt / 6) + cumsum(rnorm(144, 0, 0.4)) +
  rnorm(144, 0, 1)
tq <- 1:80
quarterly <- 40 + 0.5 * tq + c(5, -2, 3, -6)[(tq - 1) %% 4 + 1] + cumsum(rnorm(80, 0, 0.5)) + rnorm(80, 0, 0.7)

reference("ANN", "ses", walk, 0.3, 0, 1, 0, 0, FALSE)
reference("AAN", "holt", walk, 0.5, 0.1, 1, 0, 0, FALSE)
reference("AAdN", "holt", walk, 0.3, 0.3, 0.9, 0, 0, FALSE)
reference("logAAdN", "lholt", walk, 0.7, 0.02, 0.98, 0, 0, TRUE)
reference("AAdA12", "hw", monthly, 0.2, 0.05, 0.98, 0.1, 12, FALSE)
reference("AAdA4", "hw", quarterly, 0.4, 0.2, 0.98, 0.3, 4, FALSE)
reference("logAAdA12", "lhw", monthly, 0.05, 0, 0.98, 0.3, 12, TRUE)
close(out)
