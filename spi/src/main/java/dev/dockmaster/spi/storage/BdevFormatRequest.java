package dev.dockmaster.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * Format one bdev tier of one engine.
 *
 * @param engineIndex the engine the tier belongs to
 * @param tierIndex the tier's position in the engine's {@code storage} list
 * @param storageClass {@code nvme}, {@code file} or {@code kdev}
 * @param devices {@code bdev_list}
 * @param sizeBytes {@code bdev_size} for {@code file}; 0 otherwise
 * @param force overwrite existing data
 */
public record BdevFormatRequest(int engineIndex, int tierIndex, String storageClass, List<String> devices,
                                long sizeBytes, boolean force) {
    public BdevFormatRequest {
        Objects.requireNonNull(storageClass, "storageClass");
        devices = List.copyOf(devices);
    }
}
