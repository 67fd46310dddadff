package io.tickcast.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
}
