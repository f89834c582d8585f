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
 * Runs {@link BenchmarkTlsCall} and prints both figures and their ratio (target: mutual TLS + authorization under
 * 1.5x the insecure call). Both benchmarks run in one fork against servers started once, so noise hits both alike.
 */
public final class RunTlsBenchmark {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Options options = new OptionsBuilder()
                .include(BenchmarkTlsCall.class.getSimpleName())
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
        double tls = scores.get("mutualTls");
        double plain = scores.get("insecure");
        System.out.printf("%nUnary ListPlugins over loopback gRPC, full server stack (average, 1 client thread)%n");
        System.out.printf("  mutual TLS + authorization + request checks: %8.1f us/op%n", tls);
        System.out.printf("  insecure (plaintext) + request checks:       %8.1f us/op%n", plain);
        System.out.printf("  ratio: %.2fx (target < 1.50x)%n", tls / plain);
    }
}
