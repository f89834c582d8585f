package dev.dockmaster.plugins.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gives a file its size with blocks reserved, as DAOS does with fallocate(2): the engine must not hit ENOSPC in the
 * middle of its I/O. The JDK has no fallocate, so util-linux's {@code fallocate(1)} does it; where the filesystem
 * does not support it, the file is extended sparsely instead (what DAOS's tests on such filesystems get too).
 */
final class Allocator {

    private Allocator() {
    }

    /** Empty when the file has its size, else what went wrong. */
    static Optional<String> allocate(Path file, long size) {
        try {
            Process process = new ProcessBuilder("fallocate", "-l", Long.toString(size), file.toString())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.of("fallocate " + file + " timed out");
            }
            if (process.exitValue() == 0) {
                return Optional.empty();
            }
            if (output.contains("Operation not supported")) {
                return extendSparse(file, size);
            }
            if (output.contains("No space left")) {
                return Optional.of("cannot allocate " + size + " bytes for " + file
                        + ": no space left on the device; lower bdev_size or free space");
            }
            return Optional.of("fallocate " + file + " failed: " + output);
        } catch (IOException e) {
            // No fallocate(1) on this host.
            return extendSparse(file, size);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while allocating " + file);
        }
    }

    private static Optional<String> extendSparse(Path file, long size) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot size " + file + ": " + FileBdevProvider.describe(e));
        }
    }
}
