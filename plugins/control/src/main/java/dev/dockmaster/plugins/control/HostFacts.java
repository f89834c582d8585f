package dev.dockmaster.plugins.control;

import java.util.List;
import java.util.Optional;

/**
 * The few reads of {@code /proc} and {@code /sys} the control service makes, behind one seam so tests can feed
 * fixtures instead of the machine's own files. Paths are absolute host paths such as {@code /proc/meminfo}.
 */
public interface HostFacts {

    /** The text of a file, or empty when it is absent or cannot be read. */
    Optional<String> read(String path);

    /** The names of the entries of a directory (sorted), or an empty list when it is absent or cannot be read. */
    List<String> list(String directory);

    /**
     * A file that will be read on every request. By default each of its reads is a {@link #read(String)}; an
     * implementation may keep the file open between reads (see {@link LocalHostFacts}), which the caller must then
     * {@linkplain HostFile#close() close}.
     */
    default HostFile rereadable(String path) {
        return HostFile.readingEachTime(() -> read(path));
    }
}
