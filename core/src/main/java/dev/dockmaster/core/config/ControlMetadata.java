package dev.dockmaster.core.config;

/**
 * {@code control_metadata}: where the control plane keeps its raft database and per-engine metadata. Required for
 * MD-on-SSD; empty strings mean "not set".
 *
 * @param path   {@code path}: directory (and mount point when a device is given)
 * @param device {@code device}: a partition to format ext4 and mount at {@code path}
 */
public record ControlMetadata(String path, String device) {

    public ControlMetadata {
        path = path == null ? "" : path;
        device = device == null ? "" : device;
    }

    public boolean hasPath() {
        return !path.isEmpty();
    }
}
