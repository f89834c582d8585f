package dev.dockmaster.core.drpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.dockmaster.proto.ctl.SetLogMasksReq;
import dev.dockmaster.proto.ctl.SetLogMasksResp;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.proto.mgmt.GroupUpdateReq;
import dev.dockmaster.proto.mgmt.GroupUpdateResp;
import dev.dockmaster.proto.mgmt.SetRankReq;
import dev.dockmaster.spi.drpc.DrpcTransport;
import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.telemetry.MetricTimer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's calls to its engines, as DAOS makes them: connect to the engine's {@code daos_engine_<pid>.sock}, send
 * one call, read one response, close; calls to one engine are serialised; every call has a timeout. Methods that
 * answer {@code mgmt.DaosResp} return its DAOS status (0 = success, a negative DER code otherwise); transport errors
 * and non-SUCCESS dRPC statuses are {@link DrpcCallException}s. Once {@link #recordInto} is given a sink, every call
 * is timed as {@code drpc_client_calls} by module, method and outcome.
 */
public final class EngineDrpcClient {
    private final DrpcTransport transport;
    private final Duration timeout;
    private final Map<Path, ReentrantLock> perEngine = new ConcurrentHashMap<>();
    private final Map<String, MetricTimer> timers = new ConcurrentHashMap<>();
    private volatile ControlMetrics metrics = ControlMetrics.NONE;

    /** The outcome label of a call that got no dRPC answer (connect, send or receive failed, or a bad frame). */
    public static final String TRANSPORT_ERROR = "TRANSPORT_ERROR";

    public EngineDrpcClient(DrpcTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /**
     * Times every call from now on as {@code drpc_client_calls} (labels {@code module}, {@code method}: DAOS's
     * numeric ids, as {@code drpc_server_handling}; {@code status}: the engine's dRPC status, or
     * {@link #TRANSPORT_ERROR} when no answer could be read). The time includes connecting and waiting for the
     * per-engine lock, since that is what the caller waits.
     */
    public void recordInto(ControlMetrics sink) {
        this.metrics = sink;
        timers.clear();
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
        long start = System.nanoTime();
        String status = TRANSPORT_ERROR;
        ReentrantLock lock = perEngine.computeIfAbsent(engine, p -> new ReentrantLock());
        lock.lock();
        try (DrpcClientConnection connection = DrpcClientConnection.open(transport, engine)) {
            byte[] answer = connection.call(module, method, body, callTimeout);
            status = Status.SUCCESS.name();
            return answer;
        } catch (DrpcCallException e) {
            status = outcome(e);
            throw e;
        } finally {
            lock.unlock();
            record(module, method, status, start);
        }
    }

    private byte[] call(Path engine, DrpcMethod method, MessageLite body) throws DrpcCallException {
        long start = System.nanoTime();
        String status = TRANSPORT_ERROR;
        ReentrantLock lock = perEngine.computeIfAbsent(engine, p -> new ReentrantLock());
        lock.lock();
        try (DrpcClientConnection connection = DrpcClientConnection.open(transport, engine)) {
            byte[] answer = connection.call(method, body == null ? new byte[0] : body.toByteArray(), timeout);
            status = Status.SUCCESS.name();
            return answer;
        } catch (DrpcCallException e) {
            status = outcome(e);
            throw e;
        } finally {
            lock.unlock();
            record(method.module().id(), method.id(), status, start);
        }
    }

    private static String outcome(DrpcCallException e) {
        return e.status().map(Status::name).orElse(TRANSPORT_ERROR);
    }

    private void record(int module, int method, String status, long start) {
        ControlMetrics sink = metrics;
        if (sink == ControlMetrics.NONE) {
            return;
        }
        // Module and method ids come from this server's own code, never from the wire, so the series stay bounded.
        timers.computeIfAbsent(module + "/" + method + "/" + status, k -> sink.timer("drpc_client_calls",
                        "dRPC calls this server made to its engines, by module, method and status",
                        Map.of("module", Integer.toString(module), "method", Integer.toString(method),
                                "status", status)))
                .record(System.nanoTime() - start);
    }

    private static int daosStatus(byte[] body) throws DrpcCallException {
        try {
            return DaosResp.parseFrom(body).getStatus();
        } catch (InvalidProtocolBufferException e) {
            throw new DrpcCallException("bad DaosResp body", null, e);
        }
    }
}
