package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.spi.Fault;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Mark members AdminExcluded (dmg {@code system exclude}) or clear that mark ({@code system clear-exclude}). Unlike
 * stop and start, the selection is mandatory: excluding "everything" by omission is refused, as in DAOS.
 *
 * @param hosts     the management service candidates; empty picks them from the configured host list
 * @param selection the ranks or hosts to (un)exclude
 * @param clear     clear the AdminExcluded state instead of setting it
 * @param timeout   the deadline for the whole request; empty means the default
 */
public record SystemExcludeRequest(HostSet hosts, SystemRankSelection selection, boolean clear,
                                   Optional<Duration> timeout) {
    public SystemExcludeRequest {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(timeout, "timeout");
        if (selection.isAll()) {
            throw new Fault("client", 500, "no ranks or hosts specified",
                    "select the members with --ranks or --rank-hosts");
        }
    }

    public static SystemExcludeRequest of(SystemRankSelection selection, boolean clear) {
        return new SystemExcludeRequest(HostSet.empty(), selection, clear, Optional.empty());
    }
}
