package dev.dockmaster.bench;

import dev.dockmaster.client.Component;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.TransportConfig;
import dev.dockmaster.client.api.Control;
import dev.dockmaster.client.api.MemberState;
import dev.dockmaster.client.api.SystemQueryRequest;
import dev.dockmaster.client.api.SystemQueryResponse;
import dev.dockmaster.client.invoke.GrpcInvoker;
import dev.dockmaster.client.pool.PoolClient;
import dev.dockmaster.client.pool.PoolCreateRequest;
import dev.dockmaster.client.pool.PoolList;
import dev.dockmaster.client.pool.PoolSizing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pools through the whole path, as dmg drives it minus dmg's JVM start: the client API over gRPC → the real
 * {@code daos_server} of the built distribution (MS leader, raft on disk) → dRPC → two engine-simulator processes,
 * which create each pool's shards on both ranks over their TCP fabric and persist them under their scm_mount.
 * Prints PoolCreate latency (p50, p99) and ListPools latency with {@code listPools} pools in the system (the list
 * alone, without the per-pool queries dmg adds, and with them).
 *
 * <p>Run with {@code bench/run pools-e2e [creates] [list-pools] [list-calls]} after {@code mvn -DskipTests package}.
 */
public final class PoolPathBenchmark {
    private static final long SCM_PER_RANK = 16L << 20; // DAOS's minimum for the one target each engine runs

    private PoolPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int creates = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int listPools = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int listCalls = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path home = Path.of(System.getProperty("bench.distribution", "distribution/target/dockmaster"));
        Path work = Files.createTempDirectory("dockmaster-pool-bench");
        int port = freePort();
        while (!portFree(port + 1)) {
            port = freePort();
        }
        Path config = Files.writeString(work.resolve("daos_server.yml"), """
                name: daos_server
                port: %d
                provider: ofi+tcp
                socket_dir: %s
                access_points: ["127.0.0.1:%d"]
                transport_config:
                  allow_insecure: true
                control_log_mask: ERROR
                plugins:
                  disabled: [storage-ram, storage-file, storage-nvme, storage-ipmctl]
                engines:
                  - targets: 1
                    fabric_iface: lo
                    fabric_iface_port: %d
                    log_file: %s
                    storage:
                      - class: ram
                        scm_mount: %s
                        scm_size: 4
                  - targets: 1
                    fabric_iface: lo
                    fabric_iface_port: %d
                    log_file: %s
                    storage:
                      - class: ram
                        scm_mount: %s
                        scm_size: 4
                """.formatted(port, work.resolve("run"), port, freePort(), work.resolve("engine0.log"),
                work.resolve("mnt0"), freePort(), work.resolve("engine1.log"), work.resolve("mnt1")));
        Files.createDirectories(work.resolve("run"));
        Process server = new ProcessBuilder(home.resolve("bin/daos_server").toString(), "start", "-o",
                config.toString(), "--auto-format").redirectErrorStream(true)
                .redirectOutput(work.resolve("daos_server.log").toFile()).start();
        ControlConfig control = new ControlConfig("daos_server", port, List.of("127.0.0.1:" + port),
                TransportConfig.defaults().withAllowInsecure(true), Optional.empty());
        try (GrpcInvoker invoker = new GrpcInvoker(control, Component.ADMIN)) {
            awaitJoined(invoker, 2, Duration.ofSeconds(120));
            PoolClient pools = new PoolClient(invoker);
            PoolSizing size = new PoolSizing.PerRank(SCM_PER_RANK, 0, 0);
            for (int i = 0; i < 20; i++) { // warm-up: JIT on both sides, then destroyed
                pools.create(PoolCreateRequest.of("warm" + i, size));
                pools.destroy("warm" + i, false, false);
            }
            long[] create = new long[creates];
            for (int i = 0; i < creates; i++) {
                long t0 = System.nanoTime();
                pools.create(PoolCreateRequest.of("bench" + i, size));
                create[i] = System.nanoTime() - t0;
            }
            for (int i = creates; i < listPools; i++) {
                pools.create(PoolCreateRequest.of("bench" + i, size));
            }
            int total = Math.max(creates, listPools);
            long[] list = new long[listCalls];
            int listed = 0;
            for (int i = 0; i < listCalls; i++) {
                long t0 = System.nanoTime();
                PoolList result = pools.list(true);
                list[i] = System.nanoTime() - t0;
                listed = result.pools().size();
            }
            long[] listQueried = new long[Math.max(1, listCalls / 10)];
            for (int i = 0; i < listQueried.length; i++) {
                long t0 = System.nanoTime();
                pools.list(false);
                listQueried[i] = System.nanoTime() - t0;
            }
            System.out.printf("pools end to end (client → daos_server MS leader, 1 replica → raft → dRPC → 2 engine"
                    + " simulators, 1 target each):%n");
            System.out.printf("  PoolCreate  p50 %7.2f ms  p99 %7.2f ms  (%d creates of %d MiB SCM per rank on 2"
                    + " ranks)%n", ms(create, 50), ms(create, 99), creates, SCM_PER_RANK >> 20);
            System.out.printf("  ListPools   p50 %7.2f ms  p99 %7.2f ms  (%d pools listed, %d calls, no queries)%n",
                    ms(list, 50), ms(list, 99), listed, listCalls);
            System.out.printf("  list + query of every pool (dmg pool list) p50 %7.1f ms (%d calls, %d pools)%n",
                    ms(listQueried, 50), listQueried.length, total);
        } finally {
            server.destroy();
            server.waitFor();
            deleteTree(work);
        }
    }

    private static void awaitJoined(GrpcInvoker invoker, int ranks, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                SystemQueryResponse resp = Control.systemQuery(invoker, SystemQueryRequest.all());
                if (resp.members().size() == ranks
                        && resp.members().stream().allMatch(m -> MemberState.fromWire(m.getState()) == MemberState.JOINED)) {
                    return;
                }
            } catch (RuntimeException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("engines did not join within " + within);
            }
            Thread.sleep(200); // polling a separate process's start-up, not synchronising threads
        }
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
