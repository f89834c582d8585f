package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.LogEntry;

import java.util.concurrent.CompletableFuture;

/**
 * What the pool service needs of the management service: its gates (replica, leader; they throw DAOS's redirect
 * errors) and raft commits. Tests supply one over a plain {@link SystemDb}.
 */
interface MsAccess {

    /** The database of this replica, for reads; throws not-replica or not-ready errors. */
    SystemDb replicaDb();

    /** The database of the leader, before a write; throws not-leader (with the hint) when this is not it. */
    SystemDb leaderDb();

    /** Whether this replica is the leader now (never throws). */
    boolean isLeader();

    /** Proposes an entry on the leader; completes once it is applied here. */
    CompletableFuture<ApplyResult> commit(LogEntry entry);
}
