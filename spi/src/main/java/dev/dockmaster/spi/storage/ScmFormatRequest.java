package dev.dockmaster.spi.storage;

import java.util.List;
import java.util.Objects;

/**
 * Format (and mount) one engine's SCM tier.
 *
 * @param engineIndex the engine the tier belongs to
 * @param storageClass {@code dcpm} or {@code ram}
 * @param mountPoint {@code scm_mount}
 * @param devices {@code scm_list} ({@code dcpm}); empty for {@code ram}
 * @param sizeBytes {@code scm_size} ({@code ram}); 0 when not applicable
 * @param force overwrite an existing filesystem (DAOS {@code reformat})
 */
public record ScmFormatRequest(int engineIndex, String storageClass, String mountPoint, List<String> devices,
                               long sizeBytes, boolean force) {
    public ScmFormatRequest {
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(mountPoint, "mountPoint");
        devices = List.copyOf(devices);
    }
}
