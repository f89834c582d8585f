package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Format SCM and NVMe storage on every host.
 *
 * @param hosts    where to format; empty means the configured hosts
 * @param reformat format even storage that is already formatted (dmg {@code --force})
 * @param timeout  the deadline for the whole format; empty means the default
 */
public record StorageFormatRequest(HostSet hosts, boolean reformat, Optional<Duration> timeout) {
    public StorageFormatRequest {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static StorageFormatRequest of(HostSet hosts, boolean reformat) {
        return new StorageFormatRequest(hosts, reformat, Optional.empty());
    }
}
