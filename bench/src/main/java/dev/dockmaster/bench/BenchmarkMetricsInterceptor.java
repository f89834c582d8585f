package dev.dockmaster.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/** The telemetry module's gRPC metrics interceptor per unary call, against the same server without it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BenchmarkMetricsInterceptor {
    private MeteredEchoStack stack;

    @Setup(Level.Trial)
    public void start() throws Exception {
        stack = new MeteredEchoStack();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        stack.close();
    }

    @Benchmark
    public byte[] tcpBare() {
        return MeteredEchoStack.call(stack.tcpBare);
    }

    @Benchmark
    public byte[] tcpMetered() {
        return MeteredEchoStack.call(stack.tcpMetered);
    }

    @Benchmark
    public byte[] inProcessBare() {
        return MeteredEchoStack.call(stack.inProcessBare);
    }

    @Benchmark
    public byte[] inProcessMetered() {
        return MeteredEchoStack.call(stack.inProcessMetered);
    }
}
