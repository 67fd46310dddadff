package io.tickcast.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilerTest {

    @Test
    void withoutAProfilerItSaysWhereToGetOne(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Profiler.locate(dir.resolve("missing/bin/asprof")));
        assertTrue(e.getMessage().contains("dependency:get -Dartifact=tools.profiler:async-profiler"), e.getMessage());
        assertTrue(e.getMessage().contains("missing/bin/asprof"), e.getMessage());
    }

    @Test
    void aJarWithoutThisPlatformsLibraryIsRefusedWithItsName(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("async-profiler-4.6-linux-x64.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("one/profiler/README"));
            zip.closeEntry();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profiler.locate(jar));
        assertTrue(e.getMessage().contains("holds no linux-"), e.getMessage());
    }

    /**
     * Only the stream threads' samples are kept: a task's producer network thread is named after the stream thread's
     * client id, and keeping its samples put the producer's sender (its epoll waits and wake-ups) into the stream
     * threads' profile, as if it were the stream threads' own polling.
     */
    @Test
    void onlyTheStreamThreadsAreKept() {
        String app = "bench-413fbdb7";
        String client = app + "-5b1c0a7e-8f7d-4a31-9d43-0c1e2f3a4b5c";
        assertEquals("1", Profiler.streamThreadNumber("[" + client + "-StreamThread-1 tid=4242]", app));
        assertEquals("12", Profiler.streamThreadNumber("[" + client + "-StreamThread-12]", app));
        assertNull(Profiler.streamThreadNumber(
                "[kafka-producer-network-thread | " + client + "-StreamThread-1-producer tid=4243]", app));
        assertNull(Profiler.streamThreadNumber("[" + client + "-StreamThread-1-consumer tid=4244]", app));
        assertNull(Profiler.streamThreadNumber("[other-app-" + client + "-StreamThread-1 tid=1]", app));
        assertNull(Profiler.streamThreadNumber("[" + client + "-StateUpdater-1 tid=4245]", app));
        assertTrue(Profiler.isStreamThread(client + "-StreamThread-3", app));
    }
}
