package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Erase the system's metadata before a reformat (dmg {@code system erase}); refused by the client while any member
 * is Joined or Ready.
 *
 * @param hosts   the management service candidates; empty picks them from the configured host list
 * @param timeout the deadline for the whole request; empty means the default
 */
public record SystemEraseRequest(HostSet hosts, Optional<Duration> timeout) {
    public SystemEraseRequest {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static SystemEraseRequest any() {
        return new SystemEraseRequest(HostSet.empty(), Optional.empty());
    }
}
