package dev.dockmaster.core.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.dockmaster.core.drpc.DrpcCodec;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.spi.drpc.DrpcConnection;
import dev.dockmaster.spi.drpc.DrpcHandler;
import dev.dockmaster.spi.drpc.DrpcListener;
import dev.dockmaster.spi.drpc.DrpcTransport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engines' side of dRPC in memory: every socket answers; calls are recorded with their socket; SetRank, SetUp,
 * PrepShutdown answer a DaosResp with the status scripted per method (0 by default), SetLogMasks a SetLogMasksResp,
 * any other method echoes its body. A socket can be made unreachable.
 */
final class FakeEngineDrpc implements DrpcTransport {
    record Received(Path socket, int method, byte[] body) {
    }

    final List<Received> calls = new CopyOnWriteArrayList<>();
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final Set<Path> unreachable = ConcurrentHashMap.newKeySet();

    FakeEngineDrpc status(int method, int daosStatus) {
        statuses.put(method, daosStatus);
        return this;
    }

    FakeEngineDrpc unreachable(Path socket) {
        unreachable.add(socket);
        return this;
    }

    List<Integer> methods() {
        return calls.stream().map(Received::method).toList();
    }

    @Override
    public String name() {
        return "fake-engines";
    }

    @Override
    public int maxMessageBytes() {
        return 1 << 20;
    }

    @Override
    public DrpcConnection connect(Path socket) throws IOException {
        if (unreachable.contains(socket)) {
            throw new IOException("connect " + socket + ": connection refused");
        }
        return new DrpcConnection() {
            @Override
            public byte[] call(byte[] message, Duration timeout) throws IOException {
                Call call;
                try {
                    call = DrpcCodec.decodeCall(message);
                } catch (InvalidProtocolBufferException e) {
                    throw new IOException(e);
                }
                calls.add(new Received(socket, call.getMethod(), call.getBody().toByteArray()));
                int status = statuses.getOrDefault(call.getMethod(), 0);
                byte[] body = switch (call.getMethod()) {
                    case 202, 209, 218, 225 -> DaosResp.newBuilder().setStatus(status).build().toByteArray();
                    case 238 -> SetLogMasksResp.newBuilder().setStatus(status).build().toByteArray();
                    default -> call.getBody().toByteArray();
                };
                return DrpcCodec.encodeResponse(call.getSequence(), Status.SUCCESS, body);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public DrpcListener listen(Path socket, DrpcHandler handler) {
        throw new UnsupportedOperationException("engines do not listen here");
    }
}
