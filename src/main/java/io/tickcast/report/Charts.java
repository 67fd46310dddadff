package io.tickcast.report;

import io.tickcast.report.BacktestResults.BreakRow;
import io.tickcast.serde.BreakSignal;
import io.tickcast.report.BacktestResults.ForecastRow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/** The report's charts, one symbol each: forecast vs actual, training loss, the Chow statistic, rolling error. */
final class Charts {

    /** Size of every PNG, in pixels. */
    static final int WIDTH = 1200;
    static final int HEIGHT = 500;

    private static final Color ACTUAL = new Color(0x22, 0x22, 0x22);
    private static final Color MODEL = new Color(0x1f, 0x77, 0xb4);
    private static final Color PERSIST = new Color(0xff, 0x7f, 0x0e);
    private static final Color CRIT = new Color(0xd6, 0x27, 0x28);
    private static final Color SIGNAL = new Color(0xd6, 0x27, 0x28, 90);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private Charts() {
    }

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 15);

    /** Readable fonts, white background, light grid — set directly, so the renderers keep their colours. */
    private static void style(JFreeChart c) {
        c.setBackgroundPaint(Color.WHITE);
        c.setAntiAlias(true);
        c.getTitle().setFont(TITLE);
        if (c.getLegend() != null) {
            c.getLegend().setItemFont(LEGEND);
            c.getLegend().setBackgroundPaint(Color.WHITE);
            c.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        XYPlot plot = c.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (ValueAxis a : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            a.setLabelFont(AXIS_LABEL);
            a.setTickLabelFont(TICKS);
            a.setLabelPaint(Color.DARK_GRAY);
            a.setTickLabelPaint(Color.DARK_GRAY);
        }
    }

    /** A UTC date axis with ticks that never overlap: yearly over long spans, quarterly over a year or more. */
    private static DateAxis dateAxis(long min, long max) {
        DateAxis a = new DateAxis("time (UTC)");
        double days = (max - min) / 86_400_000.0;
        java.text.SimpleDateFormat fmt = null;
        org.jfree.chart.axis.DateTickUnit unit = null;
        if (days > 4 * 365) {
            fmt = new java.text.SimpleDateFormat("yyyy", Locale.ROOT);
            unit = new org.jfree.chart.axis.DateTickUnit(org.jfree.chart.axis.DateTickUnitType.YEAR, 1, fmt);
        } else if (days > 400) {
            fmt = new java.text.SimpleDateFormat("MMM yyyy", Locale.ROOT);
            unit = new org.jfree.chart.axis.DateTickUnit(org.jfree.chart.axis.DateTickUnitType.MONTH, 3, fmt);
        }
        if (unit != null) {
            fmt.setTimeZone(TimeZone.getTimeZone("UTC"));
            a.setTickUnit(unit);
        }
        a.setTimeZone(TimeZone.getTimeZone("UTC"));
        a.setLowerMargin(0.01);
        a.setUpperMargin(0.01);
        return a;
    }

    private static long[] span(List<ForecastRow> rows) {
        return rows.isEmpty() ? new long[] {0, 1} : new long[] {rows.get(0).ts(), rows.get(rows.size() - 1).ts()};
    }

    private static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        JFreeChart c = new JFreeChart(title, TITLE, plot, true);
        style(c);
        if (subtitle != null) {
            TextTitle t = new TextTitle(subtitle, SUBTITLE);
            t.setPaint(Color.DARK_GRAY);
            c.addSubtitle(0, t);
        }
        c.setPadding(new RectangleInsets(8, 8, 8, 16));
        return c;
    }

    private static XYLineAndShapeRenderer lines(Color... colors) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < colors.length; i++) {
            r.setSeriesPaint(i, colors[i]);
            r.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        return r;
    }

    private static void signalMarkers(XYPlot plot, List<BreakRow> breaks, boolean label) {
        boolean first = true;
        for (BreakRow b : breaks) {
            if (b.signal()) {
                ValueMarker m = new ValueMarker(b.ts(), SIGNAL, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                if (label && first) {
                    m.setLabel("break signal");
                    m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                    m.setLabelPaint(CRIT);
                    m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
                    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                    m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                    first = false;
                }
                plot.addDomainMarker(m, Layer.BACKGROUND);
            }
        }
    }

    /** Forecast at its target time (the next tick) with its interval, against the actual value. */
    static JFreeChart forecast(String sym, List<ForecastRow> all, List<BreakRow> allBreaks, int last) {
        List<ForecastRow> rows = last > 0 && all.size() > last ? all.subList(all.size() - last - 1, all.size()) : all;
        long from = rows.isEmpty() ? Long.MIN_VALUE : rows.get(0).ts();
        List<BreakRow> breaks = allBreaks.stream().filter(b -> b.ts() > from).toList();
        YIntervalSeries fc = new YIntervalSeries("forecast with prediction interval");
        XYSeries actual = new XYSeries("actual");
        long firstLstm = -1;
        for (int i = 0; i + 1 < rows.size(); i++) {
            ForecastRow f = rows.get(i);
            long target = rows.get(i + 1).ts();
            if (Double.isFinite(f.forecast())) {
                fc.add(target, f.forecast(), f.lower(), f.upper());
            }
            if (Double.isFinite(f.actual())) {
                actual.add(target, f.actual());
            }
            if (firstLstm < 0 && "lstm".equals(f.source())) {
                firstLstm = target;
            }
        }
        YIntervalSeriesCollection band = new YIntervalSeriesCollection();
        band.addSeries(fc);
        DeviationRenderer dr = new DeviationRenderer(true, false);
        dr.setSeriesPaint(0, MODEL);
        dr.setSeriesFillPaint(0, new Color(0x1f, 0x77, 0xb4));
        dr.setAlpha(0.22f);
        dr.setSeriesStroke(0, new BasicStroke(1.4f));
        NumberAxis y = new NumberAxis("value");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(band, dateAxis(span(rows)[0], span(rows)[1]), y, dr);
        plot.setDataset(1, new XYSeriesCollection(actual));
        plot.setRenderer(1, lines(ACTUAL));
        plot.getRenderer(1).setSeriesStroke(0, new BasicStroke(1.2f));
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        if (rows.size() > 1 && firstLstm != rows.get(1).ts()) {
            long end = firstLstm > 0 ? firstLstm : rows.get(rows.size() - 1).ts();
            IntervalMarker warm = new IntervalMarker(rows.get(1).ts(), end, new Color(0xee, 0xee, 0xee));
            warm.setLabel(firstLstm > 0 ? "warm-up: persistence" : "persistence only");
            warm.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            warm.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            warm.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            warm.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(warm, Layer.BACKGROUND);
        }
        signalMarkers(plot, breaks, false);
        long n = rows.stream().filter(f -> Double.isFinite(f.actual())).count();
        long inside = rows.stream().filter(f -> Double.isFinite(f.actual()) && f.actual() >= f.lower()
                && f.actual() <= f.upper()).count();
        XYLineAndShapeRenderer ar = (XYLineAndShapeRenderer) plot.getRenderer(1);
        if (last > 0) {
            ar.setSeriesShapesVisible(0, true);
            ar.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        }
        return chart(sym + ": one-step forecast vs actual" + (last > 0 ? ", last " + last + " ticks" : ""),
                String.format(Locale.ROOT, "%d scored forecasts, %.1f%% of actuals inside the interval; dashed lines: break signals",
                        n, n == 0 ? 0.0 : 100.0 * inside / n), plot);
    }

    /** The mean training loss of each fine-tuning call, over the updates. */
    static JFreeChart loss(String sym, List<ForecastRow> rows) {
        XYSeries s = new XYSeries("mean training loss of the fine-tuning call");
        long last = -1;
        for (ForecastRow f : rows) {
            if (f.updates() != last && Double.isFinite(f.trainLoss()) && f.updates() > 0) {
                s.add(f.updates(), f.trainLoss());
                last = f.updates();
            }
        }
        if (s.getItemCount() == 0) {
            return null;
        }
        NumberAxis y = new NumberAxis("mean loss (normalised units)");
        y.setAutoRangeIncludesZero(true);
        NumberAxis x = new NumberAxis("fine-tuning call (updates)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, MODEL);
        r.setSeriesStroke(0, new BasicStroke(1.6f));
        r.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, r);
        return chart(sym + ": training loss", s.getItemCount() + " fine-tuning calls", plot);
    }

    /**
     * The break detector's statistic against its threshold, with the signals; titled after the detector (the mode of
     * the symbol's latest record): the Chow test's F and critical value, the CUSUM and its threshold, the
     * segmentation's statistic.
     */
    static JFreeChart breaks(String sym, List<BreakRow> breaks) {
        String mode = "";
        for (BreakRow b : breaks) {
            if (b.mode() != null && !b.mode().isEmpty()) {
                mode = b.mode();
            }
        }
        boolean chow = mode.equals(BreakSignal.FIXED) || mode.equals(BreakSignal.SCAN);
        boolean cusum = mode.equals(BreakSignal.CUSUM);
        String statName = chow ? "Chow F" : cusum ? "CUSUM max(S+, S-)" : "statistic";
        String thresholdName = chow ? "critical value" : "threshold";
        XYSeries f = new XYSeries(statName);
        XYSeries crit = new XYSeries(thresholdName);
        XYSeries sig = new XYSeries("break signal");
        XYSeries bend = new XYSeries("alarm dismissed: a bend");
        double maxF = 0;
        double maxCrit = 0;
        for (BreakRow b : breaks) {
            if (Double.isFinite(b.statistic())) {
                f.add(b.ts(), b.statistic());
                maxF = Math.max(maxF, b.statistic());
                if (b.signal()) {
                    sig.add(b.ts(), b.statistic());
                }
                if (b.dismissed()) {
                    bend.add(b.ts(), b.statistic());
                }
            }
            if (Double.isFinite(b.threshold())) {
                crit.add(b.ts(), b.threshold());
                maxCrit = Math.max(maxCrit, b.threshold());
            }
        }
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(f);
        ds.addSeries(crit);
        ds.addSeries(sig);
        if (bend.getItemCount() > 0) {
            ds.addSeries(bend);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesPaint(0, MODEL);
        r.setSeriesStroke(0, new BasicStroke(1.2f));
        r.setSeriesShapesVisible(0, false);
        r.setSeriesPaint(1, CRIT);
        r.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        r.setSeriesShapesVisible(1, false);
        r.setSeriesLinesVisible(2, false);
        r.setSeriesShapesVisible(2, true);
        r.setSeriesPaint(2, CRIT);
        r.setSeriesShape(2, new Ellipse2D.Double(-5, -5, 10, 10));
        r.setSeriesLinesVisible(3, false);
        r.setSeriesShapesVisible(3, true);
        r.setSeriesShapesFilled(3, false);
        r.setSeriesPaint(3, CRIT);
        r.setSeriesStroke(3, new BasicStroke(1.5f));
        r.setSeriesShape(3, new Ellipse2D.Double(-5, -5, 10, 10));
        String axis = chow ? "F" : cusum ? "CUSUM" : "statistic";
        boolean log = maxCrit > 0 && maxF > 25 * maxCrit;
        ValueAxis y;
        if (log) {
            LogAxis la = new LogAxis(axis + " (log scale)");
            la.setSmallestValue(0.01);
            la.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
            y = la;
        } else {
            NumberAxis na = new NumberAxis(axis);
            na.setAutoRangeIncludesZero(true);
            y = na;
        }
        XYPlot plot = new XYPlot(ds, dateAxis(breaks.get(0).ts(), breaks.get(breaks.size() - 1).ts()), y, r);
        signalMarkers(plot, breaks, true);
        long signals = breaks.stream().filter(BreakRow::signal).count();
        String name = mode.isEmpty() ? "break detector" : BreakSignal.detectorName(mode);
        return chart(sym + ": " + (chow ? "rolling " : "") + name, signals + " break signal(s); a signal needs the "
                + (chow ? "F above its critical value" : "statistic above its threshold")
                + (bend.getItemCount() > 0 ? "; " + bend.getItemCount() + " alarm(s) dismissed: a bend explains them"
                        : "")
                + (crit.getItemCount() == 0 ? " (no threshold in these records)" : ""), plot);
    }

    /** Rolling RMSE of the model and of persistence over the last {@code window} scored forecasts. */
    static JFreeChart error(String sym, List<ForecastRow> rows, int window) {
        XYSeries model = new XYSeries("model");
        XYSeries persist = new XYSeries("persistence");
        Deque<double[]> win = new ArrayDeque<>();
        double se = 0;
        double sp = 0;
        for (int i = 0; i + 1 < rows.size(); i++) {
            ForecastRow f = rows.get(i);
            if (!Double.isFinite(f.actual())) {
                continue;
            }
            double e = f.actual() - f.forecast();
            double p = f.actual() - f.persistence();
            win.addLast(new double[] {e * e, p * p});
            se += e * e;
            sp += p * p;
            if (win.size() > window) {
                double[] old = win.removeFirst();
                se -= old[0];
                sp -= old[1];
            }
            if (win.size() == window) {
                long target = rows.get(i + 1).ts();
                model.add(target, Math.sqrt(Math.max(0, se) / window));
                persist.add(target, Math.sqrt(Math.max(0, sp) / window));
            }
        }
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(model);
        ds.addSeries(persist);
        NumberAxis y = new NumberAxis("RMSE");
        XYPlot plot = new XYPlot(ds, dateAxis(span(rows)[0], span(rows)[1]), y, lines(MODEL, PERSIST));
        double[] tot = new double[3];
        for (ForecastRow f : rows) {
            if (Double.isFinite(f.actual())) {
                tot[0] += Math.pow(f.actual() - f.forecast(), 2);
                tot[1] += Math.pow(f.actual() - f.persistence(), 2);
                tot[2]++;
            }
        }
        return chart(sym + ": rolling " + window + "-tick RMSE, model vs persistence",
                String.format(Locale.ROOT, "overall RMSE: model %.4g, persistence %.4g; below the orange line the model "
                        + "beats the last-value forecast", Math.sqrt(tot[0] / Math.max(1, tot[2])),
                        Math.sqrt(tot[1] / Math.max(1, tot[2]))), plot);
    }
}
