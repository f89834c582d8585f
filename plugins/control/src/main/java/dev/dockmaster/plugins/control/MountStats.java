package dev.dockmaster.plugins.control;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Size figures of the filesystem holding a path (statvfs), behind a seam so tests can give fixed figures. */
@FunctionalInterface
public interface MountStats {

    /** Total and available bytes, or empty when the path does not exist or cannot be examined. */
    Optional<Figures> of(Path path);

    record Figures(long totalBytes, long availableBytes) {
    }

    /** statvfs through the JDK's {@link FileStore}: available is what an unprivileged user may still write. */
    static MountStats fileStore() {
        return path -> {
            try {
                FileStore store = Files.getFileStore(path);
                return Optional.of(new Figures(store.getTotalSpace(), store.getUsableSpace()));
            } catch (IOException | SecurityException e) {
                return Optional.empty();
            }
        };
    }
}
