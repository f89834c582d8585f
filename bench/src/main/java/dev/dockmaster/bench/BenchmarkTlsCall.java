package dev.dockmaster.bench;

import dev.dockmaster.proto.v1.ListPluginsResp;
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

/** One unary call over loopback: mutual TLS + authorization + request checks against plaintext + request checks. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BenchmarkTlsCall {
    private TlsStack stack;

    @Setup(Level.Trial)
    public void start() throws Exception {
        stack = new TlsStack();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        stack.close();
    }

    @Benchmark
    public ListPluginsResp insecure() {
        return stack.insecureStub.listPlugins(TlsStack.REQUEST);
    }

    @Benchmark
    public ListPluginsResp mutualTls() {
        return stack.secureStub.listPlugins(TlsStack.REQUEST);
    }
}
