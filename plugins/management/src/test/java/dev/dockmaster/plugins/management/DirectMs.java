package dev.dockmaster.plugins.management;

import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.JoinBatch;
import dev.dockmaster.plugins.management.raft.JoinRequestRecord;
import dev.dockmaster.plugins.management.raft.LogEntry;
import dev.dockmaster.plugins.management.raft.StateUpdate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The MS without raft: entries are applied to one {@link SystemDb} at once; the test says who leads. */
final class DirectMs implements MsAccess {
    final SystemDb db = new SystemDb();
    final AtomicInteger commits = new AtomicInteger();
    volatile boolean leader = true;

    /** Members with ranks 0..n-1, all Joined. */
    DirectMs withJoinedRanks(int n) {
        JoinBatch.Builder batch = JoinBatch.newBuilder();
        for (int r = 0; r < n; r++) {
            batch.addJoins(JoinRequestRecord.newBuilder().setUuid(String.format("00000000-0000-0000-0000-%012d", r))
                    .setRank(r).setAddr("127.0.0.1:" + (10001 + r)).setFabricUri("ofi+tcp://127.0.0.1:" + (31416 + r))
                    .setFaultDomain("/host" + r));
        }
        db.apply(LogEntry.newBuilder().setJoinBatch(batch).build());
        return this;
    }

    DirectMs withState(int rank, MemberState state) {
        db.apply(LogEntry.newBuilder().setStateUpdate(StateUpdate.newBuilder().setRank(rank)
                .setState(state.wireName()).setDirect(true)).build());
        return this;
    }

    @Override
    public SystemDb replicaDb() {
        return db;
    }

    @Override
    public SystemDb leaderDb() {
        if (!leader) {
            throw MgmtErrors.notLeader("127.0.0.1:10001", List.of("127.0.0.1:10001", "127.0.0.1:10002"));
        }
        return db;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public CompletableFuture<ApplyResult> commit(LogEntry entry) {
        if (!leader) {
            return CompletableFuture.failedFuture(new RaftNode.NotLeader("127.0.0.1_10001"));
        }
        commits.incrementAndGet();
        return CompletableFuture.completedFuture(db.apply(entry));
    }
}
