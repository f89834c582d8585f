package dev.dockmaster.bench;

import io.grpc.ManagedChannel;
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
 * The cost of the telemetry module's gRPC metrics interceptor per unary call, as a ratio to the same server without
 * it, over loopback TCP (what a dmg call sees) and in-process (where the interceptor's own cost is not hidden by the
 * network stack).
 *
 * <p>Default mode, paired: many short rounds that alternate "without" and "with" batches (order flipped every round),
 * reporting the median per-call time of each and their ratio. On a shared 2-core machine the load drifts by more than
 * the effect being measured; pairing puts the same drift on both sides. {@code jmh} as the first argument runs
 * {@link BenchmarkMetricsInterceptor} with JMH instead (sequential benchmarks: only meaningful on a quiet machine).
 */
public final class RunMetricsInterceptorBenchmark {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            jmh(args.length > 1 ? Integer.parseInt(args[1]) : 2);
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (MeteredEchoStack stack = new MeteredEchoStack()) {
            System.out.printf("%nUnary 16-byte echo, 1 client thread, %d alternating rounds (median per call)%n",
                    rounds);
            paired("loopback TCP", stack.tcpBare, stack.tcpMetered, 20_000, rounds, 200);
            paired("in-process  ", stack.inProcessBare, stack.inProcessMetered, 200_000, rounds, 2_000);
        }
    }

    private static void paired(String transport, ManagedChannel bare, ManagedChannel metered, int warmup,
                               int rounds, int batch) {
        for (int i = 0; i < warmup; i++) {
            MeteredEchoStack.call(bare);
            MeteredEchoStack.call(metered);
        }
        double[] without = new double[rounds];
        double[] with = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                without[r] = batch(bare, batch);
                with[r] = batch(metered, batch);
            } else {
                with[r] = batch(metered, batch);
                without[r] = batch(bare, batch);
            }
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = with[r] / without[r];
        }
        double w = median(without);
        double m = median(with);
        System.out.printf("  %s  without: %8.2f us   with metrics: %8.2f us   ratio of medians %.3fx"
                        + "   median paired ratio %.3fx   (+%.2f us per call)%n",
                transport, w, m, m / w, median(ratios), m - w);
    }

    /** Microseconds per call over one batch. */
    private static double batch(ManagedChannel channel, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            MeteredEchoStack.call(channel);
        }
        return (System.nanoTime() - start) / 1_000.0 / calls;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void jmh(int seconds) throws Exception {
        Options options = new OptionsBuilder()
                .include(BenchmarkMetricsInterceptor.class.getSimpleName())
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
        System.out.printf("%nJMH, average per call: loopback TCP %.2f -> %.2f us (%.3fx), in-process %.2f -> %.2f us"
                        + " (%.3fx)%n", scores.get("tcpBare"), scores.get("tcpMetered"),
                scores.get("tcpMetered") / scores.get("tcpBare"), scores.get("inProcessBare"),
                scores.get("inProcessMetered"), scores.get("inProcessMetered") / scores.get("inProcessBare"));
    }
}
