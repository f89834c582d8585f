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
}
