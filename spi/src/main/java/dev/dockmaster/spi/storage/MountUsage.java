package dev.dockmaster.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * A mounted SCM tier and how full it is.
 *
 * @param path mount point
 * @param storageClass DAOS class of the tier ({@code dcpm}, {@code ram})
 * @param devices devices behind the mount
 * @param totalBytes size of the filesystem
 * @param availableBytes free space
 */
public record MountUsage(String path, String storageClass, List<String> devices, long totalBytes,
                         long availableBytes) {
    public MountUsage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(storageClass, "storageClass");
        devices = List.copyOf(devices);
    }
}
