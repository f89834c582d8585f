package dev.dockmaster.plugins.management;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One system member (an engine with a rank) as the management service records it.
 *
 * @param rank           its system rank
 * @param uuid           the engine's UUID, from its superblock
 * @param addr           control address {@code IP:port} of the daos_server that owns it
 * @param fabricUri      primary fabric (CaRT) URI
 * @param fabricContexts contexts of the primary URI
 * @param secondaryUris  URIs on secondary providers
 * @param secondaryContexts contexts of each secondary URI
 * @param faultDomain    {@code /rack/host} path
 * @param state          its member state
 * @param info           why it is in its state, when known (an exit status, ...)
 * @param incarnation    the engine's incarnation (changes at every engine start)
 * @param lastUpdate     when the member last changed, from the leader's clock at proposal
 */
public record Member(int rank, String uuid, String addr, String fabricUri, int fabricContexts,
                     List<String> secondaryUris, List<Integer> secondaryContexts, String faultDomain,
                     MemberState state, String info, long incarnation, Instant lastUpdate) {
    public Member {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(addr, "addr");
        Objects.requireNonNull(fabricUri, "fabricUri");
        secondaryUris = List.copyOf(secondaryUris);
        secondaryContexts = List.copyOf(secondaryContexts);
        Objects.requireNonNull(faultDomain, "faultDomain");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(lastUpdate, "lastUpdate");
    }

    /** The host part of the control address (without the port). */
    public String host() {
        int colon = addr.lastIndexOf(':');
        return colon < 0 ? addr : addr.substring(0, colon);
    }

    public Member withState(MemberState newState, String newInfo, Instant when) {
        return new Member(rank, uuid, addr, fabricUri, fabricContexts, secondaryUris, secondaryContexts, faultDomain,
                newState, newInfo, incarnation, when);
    }
}
