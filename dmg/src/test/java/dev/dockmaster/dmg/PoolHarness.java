package dev.dockmaster.dmg;

import dev.dockmaster.client.Component;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.invoke.GrpcInvoker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs dmg in-process against a {@link FakePoolService} over real gRPC (in-process transport). */
final class PoolHarness implements AutoCloseable {
    private static int next;
    final FakePoolService ms;
    private final String host;

    PoolHarness() throws IOException {
        synchronized (PoolHarness.class) {
            host = "pool-ms-" + (next++);
        }
        ms = new FakePoolService(host + ":10001");
    }

    DmgHarness.Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Dmg.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                path -> ControlConfig.defaults().withAllowInsecure(true).withHostList(List.of(host)),
                config -> new GrpcInvoker(config, Component.ADMIN, ms::open));
        return new DmgHarness.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        ms.close();
    }
}
