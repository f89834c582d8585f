package dev.dockmaster.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.dockmaster.client.Component;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.TransportConfig;
import dev.dockmaster.client.api.Control;
import dev.dockmaster.client.api.MemberState;
import dev.dockmaster.client.api.SystemQueryRequest;
import dev.dockmaster.client.api.SystemQueryResponse;
import dev.dockmaster.client.api.SystemRankSelection;
import dev.dockmaster.client.api.SystemResultsResponse;
import dev.dockmaster.client.api.SystemStartRequest;
import dev.dockmaster.client.api.SystemStopRequest;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.invoke.GrpcInvoker;
import dev.dockmaster.proto.mgmt.JoinReq;
import dev.dockmaster.proto.mgmt.JoinResp;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import dev.dockmaster.proto.shared.RankResult;
import dev.dockmaster.spi.engine.EngineState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scale simulation: many simulated daos_servers in one JVM (each its own grpc-java server on its own loopback port,
 * serving the real control module over a {@link SimulatedEngineHarness}), one real management service replica
 * (the management plugin from its zip, Ratis on disk in a temp dir) that every engine joins over gRPC, and the
 * system commands measured through the real client API ({@link Control} over a {@link GrpcInvoker}, through the
 * MS request loop, as dmg sends them): {@code system query} of every rank, {@code system stop} and
 * {@code system start} of every rank. A start includes what a DAOS start includes: each engine rejoins the system
 * (batched by the MS into one raft entry per 250 ms window) before its host answers.
 */
public final class ScaleBenchmark {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    /** Latencies of one kind of call, in nanoseconds. */
    public record Samples(String name, long[] nanos) {
        public double percentileMillis(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }

        public double maxMillis() {
            return Arrays.stream(nanos).max().orElse(0) / 1e6;
        }
    }

    /**
     * One stop and start of every rank.
     *
     * @param stopEntries  raft entries the stop took (the results' member states)
     * @param startEntries raft entries the start took (the rejoins' batches and the results' entry)
     */
    public record Round(Duration stop, Duration start, long stopEntries, long startEntries) {
    }

    /**
     * @param boot        from the first engine start until every engine joined (the hosts' start-up join storm)
     * @param querySize   serialized size of one SystemQuery answer with every member
     * @param rounds      the stop/start rounds; the first meets a cold MS (no peer channels yet)
     */
    public record Result(int hosts, int ranks, Duration boot, Samples query, int querySize, List<Round> rounds) {
        /** The rounds after the first. */
        public List<Round> warmRounds() {
            return rounds.size() > 1 ? rounds.subList(1, rounds.size()) : rounds;
        }

        public Samples stops() {
            return new Samples("system stop", warmRounds().stream().mapToLong(r -> r.stop().toNanos()).toArray());
        }

        public Samples starts() {
            return new Samples("system start", warmRounds().stream().mapToLong(r -> r.start().toNanos()).toArray());
        }
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int enginesPerHost = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        Result r = run(hosts, enginesPerHost, 20, queries, rounds);
        System.out.printf("scale: %d simulated hosts x %d engines = %d ranks in one JVM, one MS replica; boot (every"
                        + " engine joined) %d ms%n", r.hosts(), enginesPerHost, r.ranks(), r.boot().toMillis());
        System.out.printf("system query, all %d ranks (%d KiB answer): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d"
                        + " calls (target p50 < 100 ms)%n", r.ranks(), r.querySize() / 1024,
                r.query().percentileMillis(50), r.query().percentileMillis(99), r.query().maxMillis(),
                r.query().nanos().length);
        for (int i = 0; i < r.rounds().size(); i++) {
            Round round = r.rounds().get(i);
            System.out.printf("round %d%s: system stop %d ms (%d raft entries), system start %d ms (%d raft"
                            + " entries)%n", i + 1, i == 0 ? " (cold MS: peer channels opened)" : "",
                    round.stop().toMillis(), round.stopEntries(), round.start().toMillis(), round.startEntries());
        }
        System.out.printf("system stop, all %d ranks on %d hosts: p50 %.0f ms, max %.0f ms over %d warm rounds"
                        + " (target < 3000 ms)%n", r.ranks(), r.hosts(), r.stops().percentileMillis(50),
                r.stops().maxMillis(), r.warmRounds().size());
        System.out.printf("system start, all %d ranks on %d hosts: p50 %.0f ms, max %.0f ms over %d warm rounds"
                        + " (target < 3000 ms)%n", r.ranks(), r.hosts(), r.starts().percentileMillis(50),
                r.starts().maxMillis(), r.warmRounds().size());
    }

    /**
     * Boots {@code hosts} simulated hosts, joins their engines to one MS replica, then measures {@code queries}
     * system queries (after {@code warmupQueries} unmeasured ones) and {@code rounds} stop/start rounds.
     */
    public static Result run(int hosts, int enginesPerHost, int warmupQueries, int queries, int rounds)
            throws Exception {
        Path work = Files.createTempDirectory("scale");
        int ranks = hosts * enginesPerHost;
        // Handlers may block (a start waits for its engines' joins): one warm thread per host, as each real server
        // has threads of its own. Without them the first command created ~1,000 threads on the two cores inside
        // its own measurement, a cost that real hosts pay in parallel, if at all.
        ThreadPoolExecutor handlers = new ThreadPoolExecutor(hosts, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads("sim-host"));
        handlers.prestartAllCoreThreads();
        List<SimulatedHost> simulated = new ArrayList<>();
        List<ManagedChannel> joinChannels = new ArrayList<>();
        try (MgmtStack stack = MgmtStack.start(work, 1, "")) {
            stack.awaitLeader(0, Duration.ofSeconds(30));
            String ms = stack.accessPoints.get(0);
            // a few connections carry the joins, as a few daos_server processes would
            for (int i = 0; i < 8; i++) {
                joinChannels.add(NettyChannelBuilder.forTarget(ms).usePlaintext().build());
            }
            for (int h = 0; h < hosts; h++) {
                int host = h;
                ManagedChannel channel = joinChannels.get(h % joinChannels.size());
                simulated.add(SimulatedHost.start(addr -> new SimulatedEngineHarness(enginesPerHost,
                        EngineState.STOPPED, joiner(channel, addr, host)), handlers));
            }
            long bootStart = System.nanoTime();
            bootFirst(simulated.get(0));
            List<CompletableFuture<List<dev.dockmaster.spi.engine.RankResult>>> boots = new ArrayList<>();
            for (SimulatedHost host : simulated.subList(1, simulated.size())) {
                boots.add(host.engines().startAll(COMMAND_TIMEOUT));
            }
            for (var boot : boots) {
                for (var result : boot.get()) {
                    if (result.errored()) {
                        throw new IllegalStateException("an engine did not join: " + result);
                    }
                }
            }
            Duration boot = Duration.ofNanos(System.nanoTime() - bootStart);

            ControlConfig config = new ControlConfig("daos_server", 10001, List.of(ms),
                    TransportConfig.defaults().withAllowInsecure(true), Optional.empty());
            try (GrpcInvoker invoker = new GrpcInvoker(config, Component.ADMIN)) {
                SystemQueryRequest all = SystemQueryRequest.all();
                SystemQueryResponse first = Control.systemQuery(invoker, all);
                expectMembers(first, ranks, MemberState.JOINED);
                int size = querySize(first);
                long[] queryNanos = new long[queries];
                for (int i = -warmupQueries; i < queries; i++) {
                    long t0 = System.nanoTime();
                    SystemQueryResponse resp = Control.systemQuery(invoker, all);
                    long took = System.nanoTime() - t0;
                    if (resp.members().size() != ranks) {
                        throw new IllegalStateException("system query answered " + resp.members().size()
                                + " members, expected " + ranks);
                    }
                    if (i >= 0) {
                        queryNanos[i] = took;
                    }
                }
                List<Round> measured = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    measured.add(stopAndStart(invoker, ranks));
                }
                return new Result(hosts, ranks, boot, new Samples("system query", queryNanos), size, measured);
            }
        } finally {
            simulated.forEach(SimulatedHost::close);
            joinChannels.forEach(ManagedChannel::shutdownNow);
            handlers.shutdownNow();
        }
    }

    private static Round stopAndStart(GrpcInvoker invoker, int ranks) {
        long before = Control.systemQuery(invoker, SystemQueryRequest.all()).dataVersion();
        SystemStopRequest stop = new SystemStopRequest(HostSet.empty(), SystemRankSelection.all(), false, false,
                false, Optional.of(COMMAND_TIMEOUT));
        long t0 = System.nanoTime();
        SystemResultsResponse stopped = Control.systemStop(invoker, stop);
        long stopNanos = System.nanoTime() - t0;
        expectResults("stop", stopped, ranks, "stopped");
        SystemQueryResponse afterStop = Control.systemQuery(invoker, SystemQueryRequest.all());
        expectMembers(afterStop, ranks, MemberState.STOPPED);

        SystemStartRequest start = new SystemStartRequest(HostSet.empty(), SystemRankSelection.all(), false,
                Optional.of(COMMAND_TIMEOUT));
        long t1 = System.nanoTime();
        SystemResultsResponse started = Control.systemStart(invoker, start);
        long startNanos = System.nanoTime() - t1;
        expectResults("start", started, ranks, "ready");
        SystemQueryResponse afterStart = Control.systemQuery(invoker, SystemQueryRequest.all());
        expectMembers(afterStart, ranks, MemberState.JOINED);
        return new Round(Duration.ofNanos(stopNanos), Duration.ofNanos(startNanos),
                afterStop.dataVersion() - before, afterStart.dataVersion() - afterStop.dataVersion());
    }

    /** Every rank answered once, none errored, each in {@code state}. */
    static void expectResults(String command, SystemResultsResponse resp, int ranks, String state) {
        List<RankResult> wrong = resp.results().stream()
                .filter(r -> r.getErrored() || !r.getState().equals(state)).toList();
        if (resp.results().size() != ranks || !wrong.isEmpty() || !resp.absentRanks().isEmpty()) {
            throw new IllegalStateException("system " + command + ": " + resp.results().size() + " results for "
                    + ranks + " ranks, " + wrong.size() + " not " + state + " (first: "
                    + wrong.stream().limit(3).toList() + ")");
        }
    }

    static void expectMembers(SystemQueryResponse resp, int ranks, MemberState state) {
        long inState = resp.members().stream().filter(m -> MemberState.fromWire(m.getState()) == state).count();
        if (resp.members().size() != ranks || inState != ranks) {
            throw new IllegalStateException("system query: " + resp.members().size() + " members, " + inState
                    + " " + state + ", expected " + ranks);
        }
    }

    private static int querySize(SystemQueryResponse resp) {
        return resp.members().stream().mapToInt(m -> m.getSerializedSize() + 3).sum();
    }

    /** The first host's engines join first, retried until the new leader takes writes. */
    private static void bootFirst(SimulatedHost host) throws Exception {
        long end = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (true) {
            List<dev.dockmaster.spi.engine.RankResult> results = host.engines().startAll(COMMAND_TIMEOUT).get();
            if (results.stream().noneMatch(dev.dockmaster.spi.engine.RankResult::errored)
                    && host.engines().engines().stream().allMatch(e -> e.state() == EngineState.READY)) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the first host's engines could not join: " + results);
            }
            Thread.sleep(50); // the remote leader is not ready yet; retried as an engine's join is
        }
    }

    /**
     * A host's joins: what its daos_server sends the MS for each starting engine (its control address, the
     * engine's UUID and index, its rank from an earlier join, a new incarnation), over a shared channel.
     */
    static SimulatedEngineHarness.Joiner joiner(ManagedChannel channel, String hostAddr, int host) {
        return (index, rank, incarnation) -> {
            JoinReq req = JoinReq.newBuilder().setSys("daos_server-2.6.5")
                    .setUuid(String.format("00000000-0000-4000-8000-%06d%06d", host, index))
                    .setRank(rank.orElse(-1))
                    .setUri("ofi+tcp://127.0.0.1:" + (20000 + host * 8 + index))
                    .setNctxs(16).setAddr(hostAddr).setSrvFaultDomain("/host" + host).setIdx(index)
                    .setIncarnation(incarnation).build();
            CompletableFuture<Integer> out = new CompletableFuture<>();
            Futures.addCallback(MgmtSvcGrpc.newFutureStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).join(req),
                    new FutureCallback<JoinResp>() {
                        @Override
                        public void onSuccess(JoinResp resp) {
                            out.complete(resp.getRank());
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            out.completeExceptionally(t);
                        }
                    }, MoreExecutors.directExecutor());
            return out;
        };
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
