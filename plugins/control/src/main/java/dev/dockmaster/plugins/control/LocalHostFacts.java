package dev.dockmaster.plugins.control;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads host facts from the file system, below {@code root} ({@code /} on a real host, a fixture tree otherwise).
 * Every failure reads as "absent": a scan reports what it can see rather than failing on one unreadable file.
 */
public final class LocalHostFacts implements HostFacts {

    private final Path root;

    public LocalHostFacts(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The facts of the machine this JVM runs on. */
    public static LocalHostFacts thisHost() {
        return new LocalHostFacts(Path.of("/"));
    }

    @Override
    public Optional<String> read(String path) {
        // A plain stream read: /proc and /sys files report size 0, so Files.readString's size probe is a wasted
        // system call on every storage scan (and system calls are what a scan costs).
        try (InputStream in = new FileInputStream(resolve(path).toFile())) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The file kept open and re-read from offset 0 on every read ({@link KeptOpenFile}): one system call per read
     * instead of open, read, read and close.
     */
    @Override
    public HostFile rereadable(String path) {
        return new KeptOpenFile(resolve(path));
    }

    @Override
    public List<String> list(String directory) {
        try (Stream<Path> entries = Files.list(resolve(directory))) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return List.of();
        }
    }

    private Path resolve(String absolutePath) {
        // Strip the leading "/" so the path lands below the root instead of replacing it.
        String relative = absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath;
        return root.resolve(relative);
    }
}
