package dev.dockmaster.bench;

import dev.dockmaster.proto.mgmt.LeaderQueryReq;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.shared.ClusterEventReq;
import dev.dockmaster.proto.shared.RASEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Raft commit latency for one member update, on 1 replica and on 3 replicas in this JVM (each its own Ratis server
 * on loopback): each ClusterEvent {@code engine_died} sent to the leader is one raft entry (a member state update)
 * that the leader answers after it is committed and applied. The baseline in the same run is LeaderQuery on the
 * same channel, which does not touch raft, in alternating rounds: the difference is the raft commit.
 */
public final class RaftCommitBenchmark {

    public record Figures(String name, long[] nanos) {
        public double percentileMicros(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1000.0;
        }
    }

    public record Result(int replicas, Figures update, Figures baseline) {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        for (int replicas : new int[] {1, 3}) {
            Result r = run(replicas, calls / 2, calls);
            System.out.printf("raft commit, %d replica(s): member update p50 %.0f us p99 %.0f us; LeaderQuery"
                            + " (no raft) p50 %.0f us p99 %.0f us; commit ~ %.0f us at p50 (%d calls)%n",
                    replicas, r.update().percentileMicros(50), r.update().percentileMicros(99),
                    r.baseline().percentileMicros(50), r.baseline().percentileMicros(99),
                    r.update().percentileMicros(50) - r.baseline().percentileMicros(50), calls);
        }
    }

    public static Result run(int replicas, int warmup, int calls) throws Exception {
        Path work = Files.createTempDirectory("raft-commit");
        try (MgmtStack stack = MgmtStack.start(work, replicas, "")) {
            int leader = stack.awaitLeader(0, Duration.ofSeconds(30));
            MgmtSvcGrpc.MgmtSvcBlockingStub stub = stack.blocking(leader);
            // one engine per replica host joins: the leader then makes the other replicas raft voters
            for (int i = 0; i < replicas; i++) {
                joinWithRetry(stub, MgmtStack.join(i + 1, stack.accessPoints.get(i), 0), Duration.ofSeconds(30));
            }
            for (int i = 0; i < replicas; i++) {
                awaitMembers(stack.blocking(i), replicas, Duration.ofSeconds(60));
            }
            leader = stack.awaitLeader(0, Duration.ofSeconds(30));
            // no deadline on the measured calls: a deadline set once would expire during a long run
            stub = MgmtSvcGrpc.newBlockingStub(stack.channel(leader));
            long[] updates = new long[calls];
            long[] baseline = new long[calls];
            int rank = 0;
            for (int i = -warmup; i < calls; i++) {
                ClusterEventReq event = ClusterEventReq.newBuilder().setSequence(i + warmup + 1L)
                        .setEvent(RASEvent.newBuilder().setId(2).setRank(rank).setMsg("engine exited " + i)
                                .setIncarnation(0)).build();
                long t0 = System.nanoTime();
                stub.clusterEvent(event);
                long t1 = System.nanoTime();
                stub.leaderQuery(LeaderQueryReq.getDefaultInstance());
                long t2 = System.nanoTime();
                if (i >= 0) {
                    updates[i] = t1 - t0;
                    baseline[i] = t2 - t1;
                }
            }
            return new Result(replicas, new Figures("member update", updates), new Figures("LeaderQuery", baseline));
        }
    }

    /** Retries while the leader is still stepping up (it names itself before it accepts writes), as joiners do. */
    static void joinWithRetry(MgmtSvcGrpc.MgmtSvcBlockingStub stub, dev.dockmaster.proto.mgmt.JoinReq req,
                              Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            try {
                stub.join(req);
                return;
            } catch (io.grpc.StatusRuntimeException e) {
                if (Instant.now().isAfter(end)) {
                    throw e;
                }
            }
            Thread.sleep(50); // the remote leader is not ready yet; retry as the engine joiner does
        }
    }

    /** Replica-served SystemQuery: waits until this replica has applied {@code count} members. */
    static void awaitMembers(MgmtSvcGrpc.MgmtSvcBlockingStub stub, int count, Duration timeout)
            throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            try {
                if (stub.systemQuery(SystemQueryReq.getDefaultInstance()).getMembersCount() >= count) {
                    return;
                }
            } catch (RuntimeException e) {
                // not a voter yet, or raft not serving yet
            }
            Thread.sleep(50); // polling a remote replica; nothing local to synchronise on
        }
        throw new IllegalStateException("replica did not get " + count + " members within " + timeout);
    }
}
