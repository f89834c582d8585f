package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.spi.Fault;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Stop system members (dmg {@code system stop}). As in DAOS 2.6 a stop is forced unless {@code full} asks for the
 * graceful one: the request carries {@code force = !full}, so without {@code --full} engines are killed without a
 * PrepShutdown; {@code force} itself only conflicts with {@code full}.
 *
 * @param hosts               the management service candidates; empty picks them from the configured host list
 * @param selection           the ranks or hosts to stop; a full stop must select everything
 * @param full                PrepShutdown first, then a graceful stop (DAOS: experimental)
 * @param force               dmg's {@code --force}; the default anyway
 * @param ignoreAdminExcluded skip selected ranks that are AdminExcluded instead of failing
 * @param timeout             the deadline for the whole request; empty means the default
 */
public record SystemStopRequest(HostSet hosts, SystemRankSelection selection, boolean full, boolean force,
                                boolean ignoreAdminExcluded, Optional<Duration> timeout) {
    public SystemStopRequest {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(timeout, "timeout");
        if (force && full) {
            throw incompatible("force", "full");
        }
        if (full && !selection.rankHosts().isEmpty()) {
            throw incompatible("full", "rank-hosts");
        }
        if (full && !selection.ranks().isEmpty()) {
            throw incompatible("full", "ranks");
        }
    }

    /** A forced stop of the selected members. */
    public static SystemStopRequest of(SystemRankSelection selection) {
        return new SystemStopRequest(HostSet.empty(), selection, false, false, false, Optional.empty());
    }

    /** What goes on the wire: forced unless full. */
    public boolean wireForce() {
        return !full;
    }

    static Fault incompatible(String a, String b) {
        return new Fault("client", 500, "--" + a + " may not be mixed with --" + b,
                "give either --" + a + " or --" + b);
    }
}
