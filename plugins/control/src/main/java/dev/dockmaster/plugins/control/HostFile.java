package dev.dockmaster.plugins.control;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One host file that is read again on every request, such as {@code /proc/meminfo} on every storage scan. Each
 * {@link #read()} returns the file's current content (never a cached copy), or empty when it is absent or cannot be
 * read. Safe for concurrent reads.
 */
public interface HostFile extends AutoCloseable {

    /** The current text of the file, or empty when it is absent or cannot be read. */
    Optional<String> read();

    /** Releases what the file holds open; reads after closing answer empty. */
    @Override
    void close();

    /** A file read through {@code reader} each time, holding nothing open. */
    static HostFile readingEachTime(Supplier<Optional<String>> reader) {
        return new HostFile() {
            private volatile boolean closed;

            @Override
            public Optional<String> read() {
                return closed ? Optional.empty() : reader.get();
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
