package io.tickcast.cli;

import java.io.PrintWriter;

/** A one-line progress bar on standard error, redrawn at most every 200 ms; without a known total, a count. */
final class Progress {

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;

    Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    void step() {
        done++;
        long now = System.nanoTime();
        if (now - lastDraw > 200_000_000L) {
            draw(now);
            lastDraw = now;
        }
    }

    void done() {
        draw(System.nanoTime());
        err.println();
        err.flush();
    }

    private void draw(long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        if (total <= 0) {
            err.printf("\r%s %d  %.0f/s  %.1fs", label, done, done / secs, secs);
            err.flush();
            return;
        }
        int width = 30;
        int filled = (int) (width * Math.min(done, total) / total);
        err.printf("\r%s [%s%s] %d/%d  %.0f/s  %.1fs", label, "#".repeat(filled), " ".repeat(width - filled), done,
                total, done / secs, secs);
        err.flush();
    }
}
