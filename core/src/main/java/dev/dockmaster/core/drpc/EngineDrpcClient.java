package dev.dockmaster.core.drpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.proto.mgmt.GroupUpdateReq;
import dev.dockmaster.proto.mgmt.GroupUpdateResp;
import dev.dockmaster.proto.mgmt.SetRankReq;
import dev.dockmaster.spi.drpc.DrpcTransport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's calls to its engines, as DAOS makes them: connect to the engine's {@code daos_engine_<pid>.sock}, send
 * one call, read one response, close; calls to one engine are serialised; every call has a timeout. Methods that
 * answer {@code mgmt.DaosResp} return its DAOS status (0 = success, a negative DER code otherwise); transport errors
 * and non-SUCCESS dRPC statuses are {@link DrpcCallException}s.
 */
public final class EngineDrpcClient {
    private final DrpcTransport transport;
    private final Duration timeout;
    private final Map<Path, ReentrantLock> perEngine = new ConcurrentHashMap<>();

    public EngineDrpcClient(DrpcTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    public int setRank(Path engine, int rank, int mapVersion) throws DrpcCallException {
        return daosStatus(call(engine, DrpcMethod.SET_RANK,
                SetRankReq.newBuilder().setRank(rank).setMapVersion(mapVersion).build()));
    }

    public int setUp(Path engine) throws DrpcCallException {
        return daosStatus(call(engine, DrpcMethod.SET_UP, null));
    }

    /** DAOS 2.6's server sends PrepShutdown with an empty body (PrepShutdownReq exists but is not used). */
    public int prepShutdown(Path engine) throws DrpcCallException {
        return daosStatus(call(engine, DrpcMethod.PREP_SHUTDOWN, null));
    }

    public int pingRank(Path engine) throws DrpcCallException {
        return daosStatus(call(engine, DrpcMethod.PING_RANK, null));
    }

    public SetLogMasksResp setLogMasks(Path engine, SetLogMasksReq req) throws DrpcCallException {
        byte[] body = call(engine, DrpcMethod.SET_LOG_MASKS, req);
        try {
            return SetLogMasksResp.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new DrpcCallException("SetLogMasks on " + engine + ": bad response body", null, e);
        }
    }

    public GroupUpdateResp groupUpdate(Path engine, GroupUpdateReq req) throws DrpcCallException {
        byte[] body = call(engine, DrpcMethod.GROUP_UPDATE, req);
        try {
            return GroupUpdateResp.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new DrpcCallException("GroupUpdate on " + engine + ": bad response body", null, e);
        }
    }

    /** One call of any module and method with an encoded body; returns the encoded response body. */
    public byte[] call(Path engine, int module, int method, byte[] body, Duration callTimeout)
            throws DrpcCallException {
        ReentrantLock lock = perEngine.computeIfAbsent(engine, p -> new ReentrantLock());
        lock.lock();
        try (DrpcClientConnection connection = DrpcClientConnection.open(transport, engine)) {
            return connection.call(module, method, body, callTimeout);
        } finally {
            lock.unlock();
        }
    }

    private byte[] call(Path engine, DrpcMethod method, MessageLite body) throws DrpcCallException {
        ReentrantLock lock = perEngine.computeIfAbsent(engine, p -> new ReentrantLock());
        lock.lock();
        try (DrpcClientConnection connection = DrpcClientConnection.open(transport, engine)) {
            return connection.call(method, body == null ? new byte[0] : body.toByteArray(), timeout);
        } finally {
            lock.unlock();
        }
    }

    private static int daosStatus(byte[] body) throws DrpcCallException {
        try {
            return DaosResp.parseFrom(body).getStatus();
        } catch (InvalidProtocolBufferException e) {
            throw new DrpcCallException("bad DaosResp body", null, e);
        }
    }
}
