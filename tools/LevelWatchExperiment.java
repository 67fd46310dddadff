// Experiment harness for the level-watching statistic of commit "Experiment: level-watching CUSUM" (reverted):
// compile against target/classes and the Maven classpath, run with -Dx.* options (see BreakMonitor there).
package io.tickcast.backtest;

import io.tickcast.forecast.History;
import io.tickcast.forecast.Seasonality;
import io.tickcast.stats.BreakMonitor;
import io.tickcast.stats.MonitorConfig;
import java.nio.file.*;
import java.util.*;

public final class Exp {
    public static void main(String[] a) throws Exception {
        MonitorConfig cfg = MonitorConfig.defaults(Seasonality.maxPeriod(Seasonality.RING));
        String what = a[0];
        int n = a.length > 1 ? Integer.parseInt(a[1]) : 1000;
        StringBuilder sb = new StringBuilder();
        if (what.contains("cal")) {
            Map<String, Object> c = BreakBench.calibration(cfg, n, 1000, 1);
            for (var e : c.entrySet()) sb.append(e.getKey()).append('=').append(((Map<?, ?>) e.getValue()).get("fraction")).append(' ');
            sb.append('\n');
        }
        if (what.contains("pow")) {
            for (String kind : new String[] {"ar0", "ar0.5"}) {
                Map<String, Object> p = BreakBench.power(cfg, kind, "mean", 2, n, 1000, 500, 100, 1);
                sb.append(kind).append(" det=").append(p.get("detected")).append(" med=").append(p.get("delay_median"))
                  .append(" p90=").append(p.get("delay_p90")).append(" derr=").append(p.get("date_error_median_abs")).append(' ');
            }
            sb.append('\n');
        }
        if (what.contains("dev")) {
            String[][] dev = {{"beaver2", "38"}, {"bostonhomicide", "55"}, {"grossarl", "55,122"}, {"co2", ""}, {"treering", ""}, {"lynx", ""}};
            for (String[] d : dev) {
                List<String> lines = Files.readAllLines(Path.of("/work/shared/data/bench/" + d[0] + ".csv"));
                BreakMonitor m = new BreakMonitor(cfg);
                Seasonality season = new Seasonality(0, Seasonality.RING);
                R ring = new R(Seasonality.RING);
                sb.append(d[0]).append(" truth=").append(d[1]).append(": ");
                double maxS = 0;
                for (int i = 1; i < lines.size(); i++) {
                    String[] f = lines.get(i).split(",");
                    String s = f[1];
                    long ts = s.length() == 10 ? java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli()
                            : java.time.Instant.parse(s).toEpochMilli();
                    double y = Double.parseDouble(f[2]);
                    ring.push(y);
                    season.observe(ts, ring);
                    int period = season.period() > 1 && season.on() ? Math.min(season.period(), cfg.maxPeriod()) : 1;
                    BreakMonitor.Result r = m.update(ts, y, period);
                    if (System.getProperty("trace", "").equals(d[0])) sb.append(String.format("%d:p%d S=%.2f L=%.2f phi=%.3f%n", i - 1, period, r.statistic(), m.levelStatistic(), m.delayedPhi()));
                    if (r.signal()) {
                        int idx = i - 1;
                        int bi = -1;
                        for (int j = 1; j < lines.size(); j++) if (lines.get(j).split(",")[1].equals(tsString(lines, r.breakTs(), j))) { bi = j - 1; break; }
                        sb.append("sig@").append(idx).append("(date ").append(bi).append(",p").append(period).append(") ");
                    }
                }
                sb.append(" hL=").append(m.levelThreshold()).append('\n');
            }
        }
        System.out.print(sb);
    }

    static String tsString(List<String> lines, long ts, int j) {
        String s = lines.get(j).split(",")[1];
        long t = s.length() == 10 ? java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli()
                : java.time.Instant.parse(s).toEpochMilli();
        return t == ts ? s : "";
    }

    static final class R implements History {
        final double[] v; int head; int count; long observed;
        R(int c) { v = new double[c]; }
        void push(double x) { v[head] = x; head = (head + 1) % v.length; count = Math.min(count + 1, v.length); observed++; }
        public int count() { return count; }
        public double back(int k) { int i = head - 1 - k; return v[i < 0 ? i + v.length : i]; }
        public long observed() { return observed; }
    }
}
