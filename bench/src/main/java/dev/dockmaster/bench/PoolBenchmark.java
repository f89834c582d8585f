package dev.dockmaster.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.dockmaster.proto.mgmt.LeaderQueryReq;
import dev.dockmaster.proto.mgmt.ListPoolsReq;
import dev.dockmaster.proto.mgmt.ListPoolsResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolCreateResp;
import dev.dockmaster.proto.mgmt.PoolDestroyReq;
import dev.dockmaster.proto.mgmt.PoolDestroyResp;
import dev.dockmaster.proto.mgmt.PoolEvictResp;
import dev.dockmaster.proto.mgmt.PoolProperty;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineHarness;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pool operations through the management service's gRPC path: the management plugin loaded from its zip, served
 * on a real grpc-java server on loopback, each PoolCreate checked, recorded Creating in raft, sent as dRPC 207 to
 * the local engine, recorded Ready in raft, answered. The engine is an in-JVM fake that answers the dRPC body at
 * once (no dRPC socket, no engine-side allocation): the figures are the control plane's share of a create.
 * Baseline in the same run: LeaderQuery on the same channel (no raft, no engine). Then ListPools with 1,000 pools
 * in the database.
 */
public final class PoolBenchmark {

    /** Answers POOL_CREATE, POOL_EVICT and POOL_DESTROY as a data plane with room for everything would. */
    static final class InstantEngine implements EngineHarness {
        /** Pool calls only (the group map pushes go to this harness too). */
        final AtomicLong calls = new AtomicLong();

        @Override
        public List<EngineView> engines() {
            return List.of(new EngineView(0, EngineState.READY, List.of(new EngineTier(0, "ram", "/mnt/daos0",
                    List.of(), 0), new EngineTier(1, "file", "", List.of("/tmp/bdev"), 0)), OptionalInt.of(0), 8));
        }

        @Override
        public List<EngineFormatResult> format(boolean reformat) {
            return List.of();
        }

        @Override
        public byte[] callEngine(int module, int method, byte[] body, Duration timeout) {
            if (method == 207 || method == 208 || method == 230) {
                calls.incrementAndGet();
            }
            try {
                return switch (method) {
                    case 207 -> {
                        PoolCreateReq req = PoolCreateReq.parseFrom(body);
                        List<Integer> reps = req.getRanksList().subList(0,
                                Math.min(req.getNumsvcreps(), req.getRanksCount()));
                        yield PoolCreateResp.newBuilder().setSvcLdr(reps.get(0)).addAllSvcReps(reps)
                                .addAllTgtRanks(req.getRanksList()).addAllTierBytes(req.getTierbytesList()).build()
                                .toByteArray();
                    }
                    case 230 -> PoolEvictResp.getDefaultInstance().toByteArray();
                    case 208 -> PoolDestroyResp.getDefaultInstance().toByteArray();
                    default -> new byte[0];
                };
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }

    /** One run's timings: creates, the LeaderQuery baseline alternating with them, ListPools over every pool. */
    public record Result(int replicas, RaftCommitBenchmark.Figures creates, RaftCommitBenchmark.Figures baseline,
                         RaftCommitBenchmark.Figures lists, int listedPools, int listBytes, long engineCalls) {
    }

    public static void main(String[] args) throws Exception {
        int pools = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int lists = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        for (int replicas : new int[] {1, 3}) {
            Result r = run(replicas, pools, warmup, lists);
            System.out.printf("pools, %d replica(s), fake in-JVM engine: PoolCreate p50 %.0f us p99 %.0f us (%d creates,"
                            + " 2 raft entries each); LeaderQuery baseline p50 %.0f us p99 %.0f us%n",
                    replicas, r.creates().percentileMicros(50), r.creates().percentileMicros(99), pools,
                    r.baseline().percentileMicros(50), r.baseline().percentileMicros(99));
            System.out.printf("pools, %d replica(s): ListPools with %d pools p50 %.0f us p99 %.0f us (%d bytes, %d"
                            + " calls)%n", replicas, r.listedPools(), r.lists().percentileMicros(50),
                    r.lists().percentileMicros(99), r.listBytes(), lists);
        }
    }

    public static Result run(int replicas, int pools, int warmup, int lists) throws Exception {
        Path work = Files.createTempDirectory("pool-bench");
        InstantEngine engine = new InstantEngine();
        try (MgmtStack stack = MgmtStack.start(work, replicas, "", engine)) {
            int leader = stack.awaitLeader(0, Duration.ofSeconds(30));
            MgmtSvcGrpc.MgmtSvcBlockingStub stub = stack.blocking(leader);
            for (int i = 0; i < replicas; i++) {
                for (int idx = 0; idx < 2; idx++) {
                    RaftCommitBenchmark.joinWithRetry(stub, MgmtStack.join(2 * i + idx + 1, stack.accessPoints.get(i),
                            idx), Duration.ofSeconds(30));
                }
            }
            for (int i = 0; i < replicas; i++) {
                RaftCommitBenchmark.awaitMembers(stack.blocking(i), 2 * replicas, Duration.ofSeconds(60));
            }
            leader = stack.awaitLeader(0, Duration.ofSeconds(30));
            stub = MgmtSvcGrpc.newBlockingStub(stack.channel(leader));

            // warm-up: create and destroy (the JIT, raft, the snapshots)
            for (int i = 0; i < warmup; i++) {
                stub.poolCreate(create(900_000 + i));
                stub.poolDestroy(PoolDestroyReq.newBuilder().setId("warm" + (900_000 + i)).build());
                stub.leaderQuery(LeaderQueryReq.getDefaultInstance());
            }
            long[] creates = new long[pools];
            long[] baseline = new long[pools];
            for (int i = 0; i < pools; i++) {
                PoolCreateReq req = create(i);
                long t0 = System.nanoTime();
                stub.poolCreate(req);
                long t1 = System.nanoTime();
                stub.leaderQuery(LeaderQueryReq.getDefaultInstance());
                long t2 = System.nanoTime();
                creates[i] = t1 - t0;
                baseline[i] = t2 - t1;
            }
            long[] listing = new long[lists];
            int size = 0;
            for (int i = -lists / 5; i < lists; i++) {
                long t0 = System.nanoTime();
                ListPoolsResp resp = stub.listPools(ListPoolsReq.getDefaultInstance());
                long t1 = System.nanoTime();
                if (resp.getPoolsCount() != pools) {
                    throw new IllegalStateException("ListPools answered " + resp.getPoolsCount() + " pools");
                }
                size = resp.getSerializedSize();
                if (i >= 0) {
                    listing[i] = t1 - t0;
                }
            }
            return new Result(replicas, new RaftCommitBenchmark.Figures("PoolCreate", creates),
                    new RaftCommitBenchmark.Figures("LeaderQuery", baseline),
                    new RaftCommitBenchmark.Figures("ListPools", listing), pools, size, engine.calls.get());
        }
    }

    static PoolCreateReq create(int n) {
        String label = n >= 900_000 ? "warm" + n : "pool" + n;
        return PoolCreateReq.newBuilder().setUuid(String.format("%08x-0000-4000-8000-000000000000", n))
                .setSys("daos_server").setUser("root@").setUsergroup("root@").addAcl("A::OWNER@:rw")
                .addProperties(PoolProperty.newBuilder().setNumber(1).setStrval(label))
                .setTotalbytes(64L << 30).addTierratio(0.06).addTierratio(0.94).build();
    }
}
