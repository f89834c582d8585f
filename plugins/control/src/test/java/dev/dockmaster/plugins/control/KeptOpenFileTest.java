package dev.dockmaster.plugins.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KeptOpenFileTest {

    @Test
    void everyReadSeesTheCurrentContentNotACopy(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("meminfo"), "MemFree: 100 kB\n");
        try (KeptOpenFile kept = new KeptOpenFile(file)) {
            assertThat(kept.read()).contains("MemFree: 100 kB\n");

            // Rewritten in place (same inode, as the kernel's /proc files are): the next read sees it.
            Files.writeString(file, "MemFree: 99 kB\n");
            assertThat(kept.read()).contains("MemFree: 99 kB\n");
            Files.writeString(file, "");
            assertThat(kept.read()).contains("");
        }
    }

    @Test
    void aFileLargerThanTheFirstBufferIsReadWhole(@TempDir Path dir) throws IOException {
        String big = "x".repeat(KeptOpenFile.INITIAL_BUFFER_BYTES * 3 + 7);
        Path file = Files.writeString(dir.resolve("big"), big);
        try (KeptOpenFile kept = new KeptOpenFile(file)) {
            assertThat(kept.read()).contains(big);
            // Exactly the buffer size it grew to: still whole (a full buffer is never taken as the end).
            String exact = "y".repeat(KeptOpenFile.INITIAL_BUFFER_BYTES * 4);
            Files.writeString(file, exact);
            assertThat(kept.read()).contains(exact);
            assertThat(kept.read()).contains(exact);
        }
    }

    @Test
    void anAbsentFileReadsEmptyUntilItAppears(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("late");
        try (KeptOpenFile kept = new KeptOpenFile(file)) {
            assertThat(kept.read()).isEmpty();

            Files.writeString(file, "now here\n");
            assertThat(kept.read()).contains("now here\n");
        }
    }

    @Test
    void aDirectoryReadsEmpty(@TempDir Path dir) {
        try (KeptOpenFile kept = new KeptOpenFile(dir)) {
            assertThat(kept.read()).isEmpty();
        }
    }

    @Test
    void aReadAfterAnInterruptReopensTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("meminfo"), "MemTotal: 1 kB\n");
        try (KeptOpenFile kept = new KeptOpenFile(file)) {
            assertThat(kept.read()).contains("MemTotal: 1 kB\n");

            // An interrupted thread's positional read closes the channel (FileChannel is interruptible).
            Thread.currentThread().interrupt();
            try {
                assertThat(kept.read()).isEmpty();
            } finally {
                Thread.interrupted();
            }
            assertThat(kept.read()).contains("MemTotal: 1 kB\n");
        }
    }

    @Test
    void aClosedFileReadsEmpty(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("meminfo"), "MemTotal: 1 kB\n");
        KeptOpenFile kept = new KeptOpenFile(file);
        assertThat(kept.read()).isPresent();

        kept.close();

        assertThat(kept.read()).isEmpty();
    }

    @Test
    void procMeminfoOfThisHostIsReadWholeOnEveryRead() {
        try (HostFile meminfo = LocalHostFacts.thisHost().rereadable("/proc/meminfo")) {
            for (int i = 0; i < 3; i++) {
                String text = meminfo.read().orElseThrow();
                assertThat(text).startsWith("MemTotal:").contains("\nMemAvailable:").endsWith("\n");
            }
        }
    }
}
