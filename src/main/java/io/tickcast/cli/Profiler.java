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
 * its launcher {@code asprof} attaches to this JVM, or the jar Maven Central serves,
 * {@code tools.profiler:async-profiler:VERSION:jar:linux-x64}, whose native library and Java API this JVM loads)
 * sampling CPU with per-thread stacks over the measured part of each forecaster round; the stacks of the round's stream threads are kept, their thread frame reduced to
 * {@code [StreamThread-N]} so that rounds add up, and written as collapsed stacks (flame graph input:
 * {@code asprof}'s {@code jfrconv}, {@code flamegraph.pl}, speedscope).
 */
final class Profiler {

    private final Path asprof;
    /** With the Maven Central jar: its {@code one.profiler.AsyncProfiler} instance, else null. */
    private final Object api;
    private final long pid = ProcessHandle.current().pid();
    private final Map<String, Long> stacks = new TreeMap<>();

    private Profiler(Path asprof, Object api) {
        this.asprof = asprof;
        this.api = api;
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
            candidates.addAll(mavenJars());
        }
        for (Path p : candidates) {
            if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
                return new Profiler(null, loadJar(p));
            }
            if (Files.isExecutable(p)) {
                return new Profiler(p, null);
            }
        }
        throw new IllegalArgumentException("--profile needs async-profiler: none at "
                + (explicit != null ? explicit : "$ASYNC_PROFILER_HOME/bin/asprof, on the PATH or in ~/.m2")
                + " (get the jar from Maven Central, ./mvnw dependency:get -Dartifact=tools.profiler:async-profiler:4.6:jar:"
                + platform() + ", and pass --asprof ~/.m2/repository/tools/profiler/async-profiler/4.6/async-profiler-4.6-"
                + platform() + ".jar; or unpack a release from https://github.com/async-profiler/async-profiler/releases "
                + "and pass --asprof DIR/bin/asprof)");
    }

    /** async-profiler's name for this platform, as its jars and directories say it. */
    private static String platform() {
        String arch = System.getProperty("os.arch", "");
        return "linux-" + (arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "x64");
    }

    /** The Maven Central jars of this platform in the local repository, newest version last. */
    private static List<Path> mavenJars() {
        Path dir = Path.of(System.getProperty("user.home"), ".m2", "repository", "tools", "profiler", "async-profiler");
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var versions = Files.list(dir)) {
                versions.sorted().forEach(v -> {
                    Path jar = v.resolve("async-profiler-" + v.getFileName() + "-" + platform() + ".jar");
                    if (Files.isRegularFile(jar)) {
                        out.add(0, jar);
                    }
                });
            } catch (IOException e) {
                return out;
            }
        }
        return out;
    }

    /**
     * Loads the profiler from a Maven Central jar: extracts its native library for this platform and gets the
     * {@code one.profiler.AsyncProfiler} instance of it from the jar's own classes.
     */
    private static Object loadJar(Path jar) {
        String entry = platform() + "/libasyncProfiler.so";
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            java.util.zip.ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new IllegalArgumentException(jar + " holds no " + entry + ": the jar of another platform?");
            }
            Path lib = Files.createTempFile("libasyncProfiler-", ".so");
            lib.toFile().deleteOnExit();
            try (var in = zip.getInputStream(e)) {
                Files.copy(in, lib, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                    Profiler.class.getClassLoader());
            Class<?> type = Class.forName("one.profiler.AsyncProfiler", true, loader);
            return type.getMethod("getInstance", String.class).invoke(null, lib.toString());
        } catch (IOException | ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("cannot load async-profiler from " + jar + ": " + e, e);
        }
    }

    /** Starts sampling CPU, every millisecond, stacks split by thread. */
    void start() throws IOException, InterruptedException {
        if (api != null) {
            execute("start,event=cpu,interval=1ms,threads");
            return;
        }
        run(List.of(asprof.toString(), "start", "-e", "cpu", "-i", "1ms", "-t", Long.toString(pid)));
    }

    private void execute(String command) throws IOException {
        try {
            api.getClass().getMethod("execute", String.class).invoke(api, command);
        } catch (ReflectiveOperationException e) {
            throw new IOException("async-profiler: " + command + " failed: " + e.getCause(), e);
        }
    }

    /** Stops sampling and keeps the stacks of the stream threads of {@code applicationId}. */
    void stop(String applicationId) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tickcast-profile-", ".collapsed");
        try {
            if (api != null) {
                execute("stop,collapsed,file=" + out);
            } else {
                run(List.of(asprof.toString(), "stop", "-o", "collapsed", "-f", out.toString(), Long.toString(pid)));
            }
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                int space = line.lastIndexOf(' ');
                int semi = line.indexOf(';');
                if (space < 0 || semi < 0 || semi > space) {
                    continue;
                }
                String n = streamThreadNumber(line.substring(0, semi), applicationId);
                if (n == null) {
                    continue;
                }
                String stack = "[StreamThread-" + n + "]" + line.substring(semi, space);
                stacks.merge(stack, Long.parseLong(line.substring(space + 1).trim()), Long::sum);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * The N of a stream thread of {@code applicationId} from a collapsed stack's thread frame ({@code [name tid=…]} or
     * {@code [name]}), or null for any other thread — the tasks' producer network threads too, whose names hold the
     * stream thread's client id ({@code kafka-producer-network-thread | APP-…-StreamThread-1-producer}): their CPU is
     * not the stream threads' (and not in {@code bench e2e}'s stream CPU), so their samples are not either.
     */
    static String streamThreadNumber(String threadFrame, String applicationId) {
        String name = threadFrame.startsWith("[") ? threadFrame.substring(1) : threadFrame;
        int end = name.indexOf(" tid=");
        if (end < 0) {
            end = name.endsWith("]") ? name.length() - 1 : name.length();
        }
        name = name.substring(0, end);
        return isStreamThread(name, applicationId) ? name.substring(name.lastIndexOf('-') + 1) : null;
    }

    /** Whether a thread named {@code name} is one of {@code applicationId}'s stream threads ({@code APP-…-StreamThread-N}). */
    static boolean isStreamThread(String name, String applicationId) {
        return name.startsWith(applicationId + "-") && name.matches(".*-StreamThread-\\d+");
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
