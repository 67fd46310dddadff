package io.tickcast.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench e2e --profile}: async-profiler (https://github.com/async-profiler/async-profiler, not a dependency:
 * its launcher {@code asprof} attaches to this JVM) sampling CPU with per-thread stacks over the measured part of
 * each forecaster round; the stacks of the round's stream threads are kept, their thread frame reduced to
 * {@code [StreamThread-N]} so that rounds add up, and written as collapsed stacks (flame graph input:
 * {@code asprof}'s {@code jfrconv}, {@code flamegraph.pl}, speedscope).
 */
final class Profiler {

    private final Path asprof;
    private final long pid = ProcessHandle.current().pid();
    private final Map<String, Long> stacks = new TreeMap<>();

    private Profiler(Path asprof) {
        this.asprof = asprof;
    }

    /**
     * The launcher: {@code explicit}, else {@code $ASYNC_PROFILER_HOME/bin/asprof}, else {@code asprof} on the PATH.
     *
     * @throws IllegalArgumentException when none is found
     */
    static Profiler locate(Path explicit) {
        List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            candidates.add(explicit);
        } else {
            String home = System.getenv("ASYNC_PROFILER_HOME");
            if (home != null) {
                candidates.add(Path.of(home, "bin", "asprof"));
            }
            String path = System.getenv("PATH");
            if (path != null) {
                for (String dir : path.split(java.io.File.pathSeparator)) {
                    if (!dir.isEmpty()) {
                        candidates.add(Path.of(dir, "asprof"));
                    }
                }
            }
        }
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return new Profiler(p);
            }
        }
        throw new IllegalArgumentException("--profile needs async-profiler's asprof: none at "
                + (explicit != null ? explicit : "$ASYNC_PROFILER_HOME/bin/asprof or on the PATH")
                + " (download a release from https://github.com/async-profiler/async-profiler/releases, "
                + "unpack it and pass --asprof DIR/bin/asprof)");
    }

    /** Starts sampling CPU, every millisecond, stacks split by thread. */
    void start() throws IOException, InterruptedException {
        run(List.of(asprof.toString(), "start", "-e", "cpu", "-i", "1ms", "-t", Long.toString(pid)));
    }

    /** Stops sampling and keeps the stacks of the stream threads of {@code applicationId}. */
    void stop(String applicationId) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tickcast-profile-", ".collapsed");
        try {
            run(List.of(asprof.toString(), "stop", "-o", "collapsed", "-f", out.toString(), Long.toString(pid)));
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                int space = line.lastIndexOf(' ');
                int semi = line.indexOf(';');
                if (space < 0 || semi < 0 || semi > space) {
                    continue;
                }
                String thread = line.substring(0, semi);
                int at = thread.indexOf("-StreamThread-");
                if (!thread.contains(applicationId) || at < 0) {
                    continue;
                }
                String n = thread.substring(at + "-StreamThread-".length()).replaceAll("[^0-9].*", "");
                String stack = "[StreamThread-" + n + "]" + line.substring(semi, space);
                stacks.merge(stack, Long.parseLong(line.substring(space + 1).trim()), Long::sum);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Writes the stacks kept so far, one {@code frame;frame;... samples} line each. */
    void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>(stacks.size());
        stacks.forEach((stack, count) -> lines.add(stack + " " + count));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.trim());
        }
    }
}
