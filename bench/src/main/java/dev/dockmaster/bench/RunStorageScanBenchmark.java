package dev.dockmaster.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@link BenchmarkStorageScan} and prints both figures and their ratio (target: the stack within 1.3x of the bare
 * service). Iterations alternate between the two benchmarks in one fork so machine noise hits both alike.
 */
public final class RunStorageScanBenchmark {
    public static void main(String[] args) throws Exception {
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
}
