package dev.dockmaster.bench;

import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.SystemGetAttrReq;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Management service failover time with 3 replicas in this JVM (each its own Ratis server and gRPC server on
 * loopback, the plugin loaded from its zip, DAOS's raft timings unless told otherwise): the leader is killed (its
 * gRPC and Ratis servers stop at once), then a write (SystemSetAttr) is offered to the survivors every 20 ms until
 * one commits it. The time from the kill to that commit is one round's failover; each round is a fresh system.
 * The target is under 5 s (issue 5); DAOS's own election waits 2-4 s with these timings.
 */
public final class FailoverBenchmark {
    static final Duration POLL = Duration.ofMillis(20);

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String raftSettings = args.length > 1 ? args[1] : "";
        long[] millis = run(rounds, raftSettings);
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("MS failover, 3 replicas (%s): p50 %d ms, max %d ms over %d rounds %s; target < 5000 ms%n",
                raftSettings.isEmpty() ? "DAOS raft timings" : raftSettings, sorted[(sorted.length - 1) / 2],
                sorted[sorted.length - 1], rounds, Arrays.toString(millis));
    }

    public static long[] run(int rounds, String raftSettings) throws Exception {
        long[] millis = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            millis[round] = oneRound(round, raftSettings).toMillis();
            System.out.printf("round %d: new leader committed a write %d ms after the old one died%n", round + 1,
                    millis[round]);
        }
        return millis;
    }

    static Duration oneRound(int round, String raftSettings) throws Exception {
        Path work = Files.createTempDirectory("failover");
        try (MgmtStack stack = MgmtStack.start(work, 3, raftSettings)) {
            int leader = stack.awaitLeader(0, Duration.ofSeconds(30));
            // an engine on each replica's host joins: the leader then makes the other two replicas voters
            for (int i = 0; i < 3; i++) {
                RaftCommitBenchmark.joinWithRetry(stack.blocking(leader),
                        MgmtStack.join(i + 1, stack.accessPoints.get(i), 0), Duration.ofSeconds(30));
            }
            for (int i = 0; i < 3; i++) {
                RaftCommitBenchmark.awaitMembers(stack.blocking(i), 3, Duration.ofSeconds(60));
            }
            leader = stack.awaitLeader(0, Duration.ofSeconds(30));
            stack.blocking(leader).systemSetAttr(attr("before", "kill"));
            awaitAttribute(stack, (leader + 1) % 3, "before");
            awaitAttribute(stack, (leader + 2) % 3, "before");

            long killed = System.nanoTime();
            stack.kill(leader);
            List<Integer> survivors = new ArrayList<>(List.of(0, 1, 2));
            survivors.remove(Integer.valueOf(leader));
            long deadline = killed + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (int survivor : survivors) {
                    try {
                        MgmtSvcGrpc.newBlockingStub(stack.channel(survivor)).withDeadlineAfter(2, TimeUnit.SECONDS)
                                .systemSetAttr(attr("after", "round " + round));
                        return Duration.ofNanos(System.nanoTime() - killed);
                    } catch (RuntimeException notYet) {
                        // not the leader (no leader yet), or still stepping up
                    }
                }
                Thread.sleep(POLL.toMillis()); // polling remote replicas for a leader, as a client does
            }
            throw new IllegalStateException("no new leader committed a write within 60 s");
        }
    }

    static SystemSetAttrReq attr(String key, String value) {
        return SystemSetAttrReq.newBuilder().setSys("daos_server-2.6.5").putAttributes(key, value).build();
    }

    static void awaitAttribute(MgmtStack stack, int replica, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (stack.blocking(replica).systemGetAttr(SystemGetAttrReq.newBuilder().setSys("daos_server-2.6.5")
                        .build()).containsAttributes(key)) {
                    return;
                }
            } catch (RuntimeException e) {
                // not applied there yet
            }
            Thread.sleep(POLL.toMillis()); // polling a remote replica; nothing local to synchronise on
        }
        throw new IllegalStateException("replica " + replica + " never got attribute " + key);
    }
}
