package dev.dockmaster.client.api;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.invoke.HostResponse;
import dev.dockmaster.client.invoke.Invoker;
import dev.dockmaster.client.invoke.NotLeaderException;
import dev.dockmaster.client.invoke.NotReplicaException;
import dev.dockmaster.client.invoke.SystemErrors;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.client.invoke.UnaryResponse;
import dev.dockmaster.spi.Fault;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * DAOS's guard before a storage format ({@code lib/control/storage.go}, checkFormatReq): ask the management service
 * whether a system is running, with {@code mgmt.MgmtSvc/SystemQuery}. An answer means it is, and format is refused
 * with fault 509, {@code --force} or not. "Nobody answers" is the normal case before a first format: a connection
 * failure, a server that does not serve the management service (UNIMPLEMENTED), UNAVAILABLE, or an access point
 * whose management service exists but has no raft yet because its storage is not formatted ("system is uninitialized
 * (storage format required?)"): that one is exactly the server the format is for. DAOS also lets the format go on
 * when raft is unavailable or a leader steps up, and when the host redirects to another replica.
 *
 * <p>The probe only needs to know whether the call succeeds, so it sends an empty {@code SystemQueryReq} (valid
 * protobuf for that message: every field at its default) and ignores the answer's bytes; it does not need the
 * {@code mgmt} wire types.
 */
public final class SystemProbe {
    static final String SYSTEM_QUERY = "mgmt.MgmtSvc/SystemQuery";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    static final MethodDescriptor<byte[], byte[]> METHOD = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(SYSTEM_QUERY)
            .setRequestMarshaller(new Bytes())
            .setResponseMarshaller(new Bytes())
            .build();

    private SystemProbe() {
    }

    /**
     * @throws Fault 509 when a management service answers on any of the hosts
     * @throws RuntimeException the error of a host that failed in an unexpected way
     */
    public static void refuseIfSystemRunning(Invoker invoker, HostSet hosts) {
        UnaryResponse<byte[]> ur = invoker.invoke(new UnaryRequest<>("SystemQuery", METHOD, new byte[0], hosts,
                Optional.of(PROBE_TIMEOUT)));
        for (HostResponse<byte[]> hr : ur.responses()) {
            if (!hr.failed()) {
                throw ClientFaults.formatRunningSystem();
            }
        }
        for (HostResponse<byte[]> hr : ur.responses()) {
            Throwable error = hr.error().orElseThrow();
            if (!meansNoSystem(error)) {
                throw error instanceof RuntimeException re ? re : new RuntimeException(error);
            }
        }
    }

    /** Errors that say no management service runs there. */
    static boolean meansNoSystem(Throwable error) {
        // As DAOS's checkFormatReq: no raft yet, raft not up or a step-up in progress all let the format go on, and
        // so do the redirects (DAOS's probe turns them into "raft unavailable" instead of following them).
        if (SystemErrors.isUninitialized(error) || SystemErrors.isUnavailable(error)
                || error instanceof NotLeaderException || error instanceof NotReplicaException) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof Fault fault && fault.domain().equals(ClientFaults.DOMAIN)
                    && fault.code() >= ClientFaults.CONNECTION_BAD_HOST
                    && fault.code() <= ClientFaults.CONNECTION_TIMED_OUT) {
                return true;
            }
            if (t instanceof StatusRuntimeException sre) {
                Status.Code code = sre.getStatus().getCode();
                return code == Status.Code.UNIMPLEMENTED || code == Status.Code.UNAVAILABLE;
            }
        }
        return false;
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
