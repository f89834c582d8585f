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
 * Runs {@link BenchmarkMetricsInterceptor} in one fork and prints the cost of the metrics interceptor per unary call:
 * over loopback TCP (what a dmg call sees) and in-process (where the interceptor's own cost is not hidden by the
 * network stack), each as a ratio to the same server without the interceptor.
 */
public final class RunMetricsInterceptorBenchmark {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Options options = new OptionsBuilder()
                .include(BenchmarkMetricsInterceptor.class.getSimpleName())
                .forks(1)
                .warmupIterations(5).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(8).measurementTime(TimeValue.seconds(seconds))
                .threads(1)
                .jvmArgsAppend("-XX:+UseSerialGC")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), new double[] {
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
        }
        System.out.printf("%nUnary 16-byte echo, average per call, 1 client thread%n");
        print("loopback TCP", scores.get("tcpBare"), scores.get("tcpMetered"));
        print("in-process  ", scores.get("inProcessBare"), scores.get("inProcessMetered"));
    }

    private static void print(String transport, double[] bare, double[] metered) {
        System.out.printf("  %s  without: %8.2f ± %.2f us   with metrics: %8.2f ± %.2f us   ratio %.3fx"
                        + "   (+%.2f us per call)%n", transport, bare[0], bare[1], metered[0], metered[1],
                metered[0] / bare[0], metered[0] - bare[0]);
    }
}
