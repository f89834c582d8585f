package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Start system members (dmg {@code system start}).
 *
 * @param hosts               the management service candidates; empty picks them from the configured host list
 * @param selection           the ranks or hosts to start
 * @param ignoreAdminExcluded skip selected ranks that are AdminExcluded instead of failing
 * @param timeout             the deadline for the whole request; empty means the default
 */
public record SystemStartRequest(HostSet hosts, SystemRankSelection selection, boolean ignoreAdminExcluded,
                                 Optional<Duration> timeout) {
    public SystemStartRequest {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static SystemStartRequest of(SystemRankSelection selection) {
        return new SystemStartRequest(HostSet.empty(), selection, false, Optional.empty());
    }
}
