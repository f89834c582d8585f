package dev.dockmaster.bench;

import dev.dockmaster.proto.ctl.StorageScanResp;
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

/** StorageScan round trip over loopback gRPC: the whole plugin stack against a bare service with the same bytes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BenchmarkStorageScan {
    private StorageScanStack stack;

    @Setup(Level.Trial)
    public void start() throws Exception {
        stack = new StorageScanStack();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        stack.close();
    }

    @Benchmark
    public StorageScanResp dockmaster() {
        return stack.dockmasterStub.storageScan(StorageScanStack.REQUEST);
    }

    @Benchmark
    public StorageScanResp bareGrpc() {
        return stack.bareStub.storageScan(StorageScanStack.REQUEST);
    }
}
