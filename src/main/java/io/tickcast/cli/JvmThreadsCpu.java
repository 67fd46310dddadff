package io.tickcast.cli;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the JVM's own threads, which {@code ThreadMXBean} does not list: the JIT compiler threads
 * ({@code C1/C2 CompilerThread*}) and the garbage collector's ({@code GC Thread#*}, {@code G1 *}, the
 * {@code VM Thread} that runs the pauses). On Linux from {@code /proc/self/task/<tid>/{comm,stat}} (user + system
 * time, in clock ticks of 10 ms: fine over rounds of seconds); elsewhere the management beans' times, which are wall
 * time (the compiler's summed over its threads, the collectors' pause and cycle times), the nearest there is.
 */
final class JvmThreadsCpu {

    /** CPU nanoseconds so far of the compiler threads and of the collector's. */
    record Sample(long jitNanos, long gcNanos, boolean fromProc) {
        Sample minus(Sample earlier) {
            return new Sample(jitNanos - earlier.jitNanos, gcNanos - earlier.gcNanos, fromProc);
        }
    }

    private static final Path TASKS = Path.of("/proc/self/task");
    /** USER_HZ: the unit of the stat file's times (100 on every Linux build that matters). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private JvmThreadsCpu() {
    }

    static Sample sample() {
        if (Files.isDirectory(TASKS)) {
            try {
                return fromProc();
            } catch (IOException | RuntimeException e) {
                // a thread ended between the listing and the read, or no /proc after all: the beans
            }
        }
        long gc = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, b.getCollectionTime());
        }
        var jit = ManagementFactory.getCompilationMXBean();
        long jitMs = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        return new Sample(jitMs * 1_000_000L, gc * 1_000_000L, false);
    }

    private static Sample fromProc() throws IOException {
        long jit = 0;
        long gc = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String comm;
                String stat;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                boolean isJit = comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
                boolean isGc = comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")
                        || comm.startsWith("GC ");
                if (!isJit && !isGc) {
                    continue;
                }
                // After the command in parentheses (which may hold spaces): state, then 10 fields to utime, stime.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (isJit) {
                    jit += ticks * NANOS_PER_TICK;
                } else {
                    gc += ticks * NANOS_PER_TICK;
                }
            }
        }
        return new Sample(jit, gc, true);
    }
}
