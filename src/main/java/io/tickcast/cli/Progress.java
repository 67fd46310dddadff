package io.tickcast.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Progress on standard error. On a terminal, a one-line bar redrawn in place at most every 200 ms; otherwise (a log
 * file, a pipe, CI) one line every 10 s, so a redirected run's log holds a readable handful of lines instead of one
 * line of hundreds of carriage returns. Without a known total, a count.
 */
final class Progress {

    private static final long TERMINAL_EVERY_NS = 200_000_000L;
    private static final long LOG_EVERY_NS = 10_000_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean inPlace;
    private final long every;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;

    Progress(PrintWriter err, String label, long total) {
        this(err, label, total, STDERR_IS_TERMINAL);
    }

    /** @param inPlace redraw one line in place (a terminal), or print a line every 10 s */
    Progress(PrintWriter err, String label, long total, boolean inPlace) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.inPlace = inPlace;
        this.every = inPlace ? TERMINAL_EVERY_NS : LOG_EVERY_NS;
        this.lastDraw = inPlace ? 0 : start;
    }

    void step() {
        done++;
        long now = System.nanoTime();
        if (now - lastDraw > every) {
            draw(now);
            lastDraw = now;
        }
    }

    void done() {
        draw(System.nanoTime());
        if (inPlace) {
            err.println();
        }
        err.flush();
    }

    String line(long now) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        if (total <= 0) {
            return String.format("%s %d  %.0f/s  %.1fs", label, done, done / secs, secs);
        }
        if (!inPlace) {
            return String.format("%s %d/%d (%.0f %%)  %.0f/s  %.1fs", label, done, total, 100.0 * Math.min(done, total) / total,
                    done / secs, secs);
        }
        int width = 30;
        int filled = (int) (width * Math.min(done, total) / total);
        return String.format("%s [%s%s] %d/%d  %.0f/s  %.1fs", label, "#".repeat(filled), " ".repeat(width - filled), done,
                total, done / secs, secs);
    }

    private void draw(long now) {
        if (inPlace) {
            err.print("\r" + line(now));
        } else {
            err.println(line(now));
        }
        err.flush();
    }

    /** Whether standard error is a terminal: on Linux where {@code /proc/self/fd/2} points, else {@link System#console()}. */
    static final boolean STDERR_IS_TERMINAL = stderrIsTerminal();

    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
