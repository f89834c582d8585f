package dev.dockmaster.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Join storm: N simulated engines (N/2 hosts with two engines each; clients in this process, no engine processes)
 * join one management service replica at once over real loopback gRPC. Prints the time until every engine has its
 * rank and the member list shows all of them Joined, and the number of raft entries the joins took (the data
 * version: every applied entry increments it). DAOS batches joins every 250 ms, as this service does.
 */
public final class JoinStormBenchmark {

    /**
     * @param allSent    when the last join left the client
     * @param firstReply when the first engine had its rank
     */
    public record Result(int engines, Duration allJoined, long raftEntries, int distinctRanks, int joinedMembers,
                         Duration allSent, Duration firstReply) {
    }

    public static void main(String[] args) throws Exception {
        int engines = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Result> results = run(engines, rounds);
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            System.out.printf("join storm round %d%s: %d engines joined one MS replica in %d ms (target < 5000 ms);"
                            + " %d raft entries (batch window 250 ms); all sent after %d ms, first rank after %d ms;"
                            + " %d distinct ranks; SystemQuery shows %d joined%n", i + 1,
                    i == 0 ? " (cold JVM)" : " (new engines, warm JVM)", r.engines(), r.allJoined().toMillis(),
                    r.raftEntries(), r.allSent().toMillis(), r.firstReply().toMillis(), r.distinctRanks(),
                    r.joinedMembers());
        }
    }

    /**
     * Runs {@code rounds} storms of {@code engines} new engines each against one replica; the first round meets a
     * cold JVM (classes loading, JIT), later rounds meet a warm one with the earlier members still in the system.
     */
    public static List<Result> run(int engines, int rounds) throws Exception {
        Path work = Files.createTempDirectory("join-storm");
        try (MgmtStack stack = MgmtStack.start(work, 1, "")) {
            stack.awaitLeader(0, Duration.ofSeconds(30));
            // the leader names itself before it accepts writes: one join first, retried until it takes
            RaftCommitBenchmark.joinWithRetry(stack.blocking(0), MgmtStack.join(0, stack.accessPoints.get(0), 0),
                    Duration.ofSeconds(30));
            String target = stack.accessPoints.get(0);
            // a few connections, as a few daos_server processes would open; every engine's join is its own call
            List<ManagedChannel> channels = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                channels.add(NettyChannelBuilder.forTarget(target).usePlaintext().build());
            }
            // warm the channels so connection set-up is not counted as join time
            for (ManagedChannel ch : channels) {
                MgmtSvcGrpc.newBlockingStub(ch).leaderQuery(dev.dockmaster.proto.mgmt.LeaderQueryReq
                        .getDefaultInstance());
            }
            List<Result> results = new ArrayList<>();
            long before = 1; // the first join above; from then on the data version counts the storm's entries
            for (int round = 0; round < rounds; round++) {
                Result r = storm(stack, channels, engines, round * engines, before);
                results.add(r);
                before += r.raftEntries();
            }
            channels.forEach(ManagedChannel::shutdownNow);
            return results;
        }
    }

    private static Result storm(MgmtStack stack, List<ManagedChannel> channels, int engines, int firstEngine,
                                long before) throws Exception {
        CountDownLatch done = new CountDownLatch(engines);
        java.util.concurrent.atomic.AtomicLong first = new java.util.concurrent.atomic.AtomicLong();
        Set<Integer> ranks = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int e = 0; e < engines; e++) {
            int n = firstEngine + e;
            int host = n / 2;
            String addr = "10." + (host >> 16 & 255) + "." + (host >> 8 & 255) + "." + (host & 255) + ":10001";
            var stub = MgmtSvcGrpc.newFutureStub(channels.get(n % channels.size()))
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            Futures.addCallback(stub.join(MgmtStack.join(n + 1, addr, n % 2)), new FutureCallback<JoinResp>() {
                @Override
                public void onSuccess(JoinResp resp) {
                    first.compareAndSet(0, System.nanoTime());
                    ranks.add(resp.getRank());
                    done.countDown();
                }

                @Override
                public void onFailure(Throwable t) {
                    failure.compareAndSet(null, t);
                    done.countDown();
                }
            }, MoreExecutors.directExecutor());
        }
        long sent = System.nanoTime();
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("joins did not finish in 120 s");
        }
        SystemQueryResp members = stack.blocking(0).systemQuery(SystemQueryReq.newBuilder()
                .setStateMask(0x0008).build());
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a join failed", failure.get());
        }
        return new Result(engines, Duration.ofNanos(elapsed), members.getDataVersion() - before, ranks.size(),
                members.getMembersCount() - firstEngine - 1, Duration.ofNanos(sent - start),
                Duration.ofNanos(first.get() - start));
    }
}
