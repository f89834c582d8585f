package dev.dockmaster.bench;

import dev.dockmaster.proto.ctl.CtlSvcGrpc;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@link BenchmarkStorageScan} and prints both figures and their ratio (target: the stack within 1.3x of the bare
 * service). JMH runs the two benchmarks one after the other in one fork (bare service first), so load that changes
 * during the run hits one side only: on the shared 2-core machine compare several runs.
 *
 * <p>{@code paired [calls]} measures instead without JMH: after a warm-up, calls alternate one by one between the two
 * servers (which goes first flips every call) and the per-call latencies are summarised by their median, so load
 * drifting during the run lands on both sides alike.
 */
public final class RunStorageScanBenchmark {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("paired")) {
            paired(args.length > 1 ? Integer.parseInt(args[1]) : 30_000);
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Options options = new OptionsBuilder()
                .include(BenchmarkStorageScan.class.getSimpleName())
                .forks(1)
                .warmupIterations(5).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(8).measurementTime(TimeValue.seconds(seconds))
                .threads(1)
                .jvmArgsAppend("-XX:+UseSerialGC")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        double stack = scores.get("dockmaster");
        double bare = scores.get("bareGrpc");
        System.out.printf("%nStorageScan round trip over loopback gRPC (average, 1 client thread)%n");
        System.out.printf("  Dockmaster (core + control + storage-mock plugins): %8.1f us/op%n", stack);
        System.out.printf("  bare grpc-java service, same response bytes:       %8.1f us/op%n", bare);
        System.out.printf("  ratio: %.2fx (target <= 1.30x)%n", stack / bare);
    }

    private static void paired(int calls) throws Exception {
        try (StorageScanStack stack = new StorageScanStack()) {
            for (int i = 0; i < 20_000; i++) {
                stack.dockmasterStub.storageScan(StorageScanStack.REQUEST);
                stack.bareStub.storageScan(StorageScanStack.REQUEST);
            }
            long[] dockmaster = new long[calls];
            long[] bare = new long[calls];
            for (int i = 0; i < calls; i++) {
                if (i % 2 == 0) {
                    dockmaster[i] = timed(stack.dockmasterStub);
                    bare[i] = timed(stack.bareStub);
                } else {
                    bare[i] = timed(stack.bareStub);
                    dockmaster[i] = timed(stack.dockmasterStub);
                }
            }
            Arrays.sort(dockmaster);
            Arrays.sort(bare);
            System.out.printf("%nStorageScan round trip over loopback gRPC, %d calls alternating one by one "
                    + "(1 client thread)%n", calls);
            System.out.printf("                                                     p10        p50       mean%n");
            System.out.printf("  Dockmaster (core + control + storage-mock plugins): %6.1f us  %6.1f us  %6.1f us%n",
                    percentile(dockmaster, 10), percentile(dockmaster, 50), mean(dockmaster));
            System.out.printf("  bare grpc-java service, same response bytes:       %6.1f us  %6.1f us  %6.1f us%n",
                    percentile(bare, 10), percentile(bare, 50), mean(bare));
            System.out.printf("  ratio of medians: %.2fx (target <= 1.30x), difference %.1f us%n",
                    percentile(dockmaster, 50) / percentile(bare, 50),
                    percentile(dockmaster, 50) - percentile(bare, 50));
        }
    }

    private static long timed(CtlSvcGrpc.CtlSvcBlockingStub stub) {
        long start = System.nanoTime();
        stub.storageScan(StorageScanStack.REQUEST);
        return System.nanoTime() - start;
    }

    private static double percentile(long[] sortedNanos, int percent) {
        return sortedNanos[sortedNanos.length * percent / 100] / 1e3;
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e3;
    }
}
