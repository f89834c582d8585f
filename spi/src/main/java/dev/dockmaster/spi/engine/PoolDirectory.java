package dev.dockmaster.spi.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pools of the system as engines look them up through their upcalls to daos_server (dRPC SRV GetPoolSvc,
 * PoolFindByLabel, ListPools). A gRPC module that keeps the system's pool records (the management service) supplies
 * one through {@link dev.dockmaster.spi.grpc.GrpcModule#poolDirectory()}; without one, the core answers that no pool
 * exists.
 *
 * <p>Implementations answer from local state without blocking: the caller is an engine's dRPC session.
 */
public interface PoolDirectory {

    /** The pool with this UUID (lower-case canonical form), in any state; empty when unknown here. */
    Optional<Pool> byUuid(String uuid);

    /** The pool with this label, in any state; empty when unknown here. */
    Optional<Pool> byLabel(String label);

    /** Every pool known here, in any state, by UUID. */
    List<Pool> pools();

    /**
     * One pool service record.
     *
     * @param uuid         the pool's UUID
     * @param label        its label
     * @param serviceRanks the ranks of its pool service replicas
     * @param ready        whether it is Ready (DAOS answers the look-ups only for Ready pools)
     */
    record Pool(String uuid, String label, List<Integer> serviceRanks, boolean ready) {
        public Pool {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(label, "label");
            serviceRanks = List.copyOf(serviceRanks);
        }
    }
}
