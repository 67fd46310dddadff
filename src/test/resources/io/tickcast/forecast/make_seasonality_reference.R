# Reference for SeasonalityTest: the F-test for stable seasonality as R's one-way ANOVA.
# Run from anywhere:  Rscript make_seasonality_reference.R
#
# For the first (at most) 120 values of the bench's co2, ldeaths and treering files, and for several periods m and
# window starts, x = values[from + 1 .. n] (1-based), d = diff(x), phase = ((0..N-1) + length(x) - 1) %% m (the Java's
# origin), anova(lm(d ~ factor(phase))): F and Pr(>F) of the phase factor.
# Writes next to this script:
#   seasonality_series.csv     symbol,value   the values used (%.17g: exactly R's doubles)
#   seasonality_reference.csv  symbol,m,from,to,F,p

args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
bench <- Sys.getenv("TICKCAST_BENCH", "../shared/data/bench")  # run from the repository root
files <- c(CO2 = "co2.csv", LDEATHS = "ldeaths.csv", TREERING = "treering.csv")
periods <- c(2, 4, 7, 12)
starts <- c(0, 17)

series <- lapply(files, function(f) head(read.csv(file.path(bench, f))$value, 120))

values <- do.call(rbind, lapply(names(series), function(s)
  data.frame(symbol = s, value = sprintf("%.17g", series[[s]]))))
write.csv(values, file.path(here, "seasonality_series.csv"), row.names = FALSE, quote = FALSE)

rows <- list()
for (s in names(series)) {
  v <- series[[s]]
  for (m in periods) {
    for (from in starts) {
      x <- v[(from + 1):length(v)]
      d <- diff(x)
      N <- length(d)
      phase <- factor((seq_len(N) - 1 + length(x) - 1) %% m)
      a <- anova(lm(d ~ phase))
      rows[[length(rows) + 1]] <- data.frame(symbol = s, m = m, from = from, to = length(v),
                                             F = sprintf("%.17g", a[["F value"]][1]),
                                             p = sprintf("%.17g", a[["Pr(>F)"]][1]))
    }
  }
}
write.csv(do.call(rbind, rows), file.path(here, "seasonality_reference.csv"), row.names = FALSE, quote = FALSE)
