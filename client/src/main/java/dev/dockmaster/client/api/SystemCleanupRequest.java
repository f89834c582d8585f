package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.spi.Fault;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Evict every pool handle a client machine holds (dmg {@code system cleanup MACHINE}).
 *
 * @param hosts   the management service candidates; empty picks them from the configured host list
 * @param machine the client machine's name, as its agent reports it
 * @param timeout the deadline for the whole request; empty means the default
 */
public record SystemCleanupRequest(HostSet hosts, String machine, Optional<Duration> timeout) {
    public SystemCleanupRequest {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(timeout, "timeout");
        if (machine == null || machine.isBlank()) {
            throw new Fault("client", 500, "SystemCleanup requires a machine name.",
                    "name the client machine whose handles are to be evicted");
        }
    }

    public static SystemCleanupRequest of(String machine) {
        return new SystemCleanupRequest(HostSet.empty(), machine, Optional.empty());
    }
}
