package dev.dockmaster.core.engine;

import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;

/**
 * How an engine that reported ready gets its rank: DAOS's join through the control API to the management service
 * leader ({@code server/server_utils.go}, {@code lib/control/system.go} SystemJoin). The harness fills in the engine's
 * part of the request (UUID, rank from the superblock or NilRank, URI, contexts, index, incarnation, fault domain);
 * the joiner adds the system name and this server's control address, finds the leader and retries as DAOS does.
 */
@FunctionalInterface
public interface EngineJoiner {

    /**
     * Joins one engine, blocking until the management service answers.
     *
     * @return the leader's answer (rank, state, map version)
     * @throws dev.dockmaster.spi.Fault when the management service refuses the join or the retries run out
     * @throws InterruptedException when the server stops while waiting
     */
    JoinResp join(JoinReq request) throws InterruptedException;
}
