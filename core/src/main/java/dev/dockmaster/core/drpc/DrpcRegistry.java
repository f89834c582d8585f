package dev.dockmaster.core.drpc;

import dev.dockmaster.spi.telemetry.ControlMetrics;
import dev.dockmaster.spi.telemetry.MetricTimer;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Status;
import dev.dockmaster.spi.drpc.DrpcHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The modules and methods a dRPC listener answers (DAOS's {@code ModuleService}). Every frame gets a response, and
 * bad input gets DAOS's statuses: an undecodable frame FAILED_UNMARSHAL_CALL (sequence -1), an unregistered module
 * UNKNOWN_MODULE, a method the module does not handle UNKNOWN_METHOD, a handler's {@link DrpcFailure} its status, any
 * other handler error FAILURE.
 */
public final class DrpcRegistry implements DrpcHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DrpcRegistry.class);

    private final Set<Integer> modules = ConcurrentHashMap.newKeySet();
    private final Map<Integer, DrpcMethodHandler> methods = new ConcurrentHashMap<>();
    private final Map<String, MetricTimer> timers = new ConcurrentHashMap<>();
    private volatile ControlMetrics metrics = ControlMetrics.NONE;
    private static final String UNKNOWN = "unknown";

    /**
     * Records every answered call as {@code drpc_server_handling} (labels {@code module}, {@code method},
     * {@code status}; methods nobody registered are labelled {@code unknown}, so garbage cannot grow the series).
     */
    public void recordInto(ControlMetrics sink) {
        this.metrics = sink;
        timers.clear();
    }

    /** Registers a module with no methods yet: its calls get UNKNOWN_METHOD rather than UNKNOWN_MODULE. */
    public DrpcRegistry module(DrpcModule module) {
        if (!modules.add(module.id())) {
            throw new IllegalStateException("dRPC module " + module + " is already registered");
        }
        return this;
    }

    public DrpcRegistry method(DrpcMethod method, DrpcMethodHandler handler) {
        if (!modules.contains(method.module().id())) {
            throw new IllegalStateException("register module " + method.module() + " before method " + method);
        }
        if (methods.putIfAbsent(method.id(), handler) != null) {
            throw new IllegalStateException("dRPC method " + method + " already has a handler");
        }
        return this;
    }

    @Override
    public byte[] handle(byte[] frame) {
        long start = System.nanoTime();
        Call call;
        try {
            call = DrpcCodec.decodeCall(frame);
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("dRPC: undecodable call of {} bytes: {}", frame.length, e.getMessage());
            return answer(DrpcCodec.UNKNOWN_SEQUENCE, Status.FAILED_UNMARSHAL_CALL, null, UNKNOWN, UNKNOWN, start);
        }
        long sequence = call.getSequence();
        if (!modules.contains(call.getModule())) {
            LOG.error("dRPC: attempted to call unregistered module {}", call.getModule());
            return answer(sequence, Status.UNKNOWN_MODULE, null, UNKNOWN, UNKNOWN, start);
        }
        String module = Integer.toString(call.getModule());
        // A method id outside the module's block (module*100 < id) is unknown, like one the module does not handle.
        DrpcMethodHandler handler = call.getMethod() / 100 == call.getModule() ? methods.get(call.getMethod()) : null;
        if (handler == null) {
            LOG.warn("dRPC: module {} has no method {}", call.getModule(), call.getMethod());
            return answer(sequence, Status.UNKNOWN_METHOD, null, module, UNKNOWN, start);
        }
        String method = Integer.toString(call.getMethod());
        try {
            return answer(sequence, Status.SUCCESS, handler.handle(call.getBody().toByteArray()), module, method,
                    start);
        } catch (DrpcFailure f) {
            LOG.error("dRPC: method {} failed: {}", call.getMethod(), f.getMessage());
            return answer(sequence, f.status(), null, module, method, start);
        } catch (Exception | LinkageError e) { // never let a handler take the session down
            LOG.error("dRPC: method {} failed: {}", call.getMethod(), e.toString());
            return answer(sequence, Status.FAILURE, null, module, method, start);
        }
    }

    private byte[] answer(long sequence, Status status, byte[] body, String module, String method, long start) {
        byte[] response = DrpcCodec.encodeResponse(sequence, status, body);
        ControlMetrics sink = metrics;
        if (sink != ControlMetrics.NONE) {
            timers.computeIfAbsent(module + '/' + method + '/' + status.name(), k -> sink.timer(
                    "drpc_server_handling", "dRPC calls engines made to this server, by module, method and status",
                    Map.of("module", module, "method", method, "status", status.name())))
                    .record(System.nanoTime() - start);
        }
        return response;
    }
}
