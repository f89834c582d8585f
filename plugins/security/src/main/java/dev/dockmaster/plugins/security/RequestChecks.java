package dev.dockmaster.plugins.security;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import dev.dockmaster.spi.Fault;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DAOS's checks on every request, in secure and insecure mode ({@code server/interceptors.go} checkVersion and
 * {@code mgmt_svc.go} checkSystemRequest):
 * <ul>
 *   <li>{@code x-daos-component}/{@code x-daos-version} headers: under TLS the claimed component must be the
 *       certificate's (else PERMISSION_DENIED "component mismatch"); in insecure mode the header is believed;</li>
 *   <li>the caller's version must be compatible with this server's ({@link Interop}, fault 616);</li>
 *   <li>a caller without the headers is versioned by the suffix of the request's {@code sys} field
 *       ({@code daos_server-2.6.5}); in insecure mode it must then be exactly this server's version (fault 617);</li>
 *   <li>a request whose {@code sys} names another system is refused (fault 603).</li>
 * </ul>
 * Faults cross the wire as DAOS encodes them ({@link WireErrors}).
 */
public final class RequestChecks implements ServerInterceptor {
    static final Metadata.Key<String> COMPONENT_HEADER =
            Metadata.Key.of("x-daos-component", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> VERSION_HEADER =
            Metadata.Key.of("x-daos-version", Metadata.ASCII_STRING_MARSHALLER);

    private final String systemName;
    private final DaosVersion self;
    private final boolean secure;
    private final ConcurrentHashMap<Descriptors.Descriptor, Optional<Descriptors.FieldDescriptor>> sysFields =
            new ConcurrentHashMap<>();

    /**
     * @param secure whether the port runs TLS (the component then comes from the certificate)
     */
    public RequestChecks(String systemName, DaosVersion self, boolean secure) {
        this.systemName = systemName;
        this.self = self;
        this.secure = secure;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        Optional<Component> fromCert = secure ? PeerIdentity.of(call) : Optional.empty();
        String headerComponent = headers.get(COMPONENT_HEADER);
        String headerVersion = headers.get(VERSION_HEADER);
        boolean hasHeaders = headerComponent != null && headerVersion != null;
        if (hasHeaders) {
            StatusRuntimeException refused = checkHeaders(fromCert, headerComponent, headerVersion);
            if (refused != null) {
                Metadata trailers = refused.getTrailers() == null ? new Metadata() : refused.getTrailers();
                call.close(refused.getStatus(), trailers);
                return new ServerCall.Listener<>() {
                };
            }
        }
        ServerCall.Listener<Q> downstream = next.startCall(call, headers);
        return new SimpleForwardingServerCallListener<>(downstream) {
            private boolean closed;

            @Override
            public void onMessage(Q message) {
                if (closed) {
                    return;
                }
                Fault fault = message instanceof Message m ? checkMessage(m, hasHeaders, fromCert) : null;
                if (fault != null) {
                    closed = true;
                    Metadata trailers = new Metadata();
                    call.close(WireErrors.status(fault, trailers), trailers);
                    return;
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!closed) {
                    super.onHalfClose();
                }
            }
        };
    }

    /** The header path: null when the call may go on. */
    StatusRuntimeException checkHeaders(Optional<Component> fromCert, String headerComponent, String headerVersion) {
        Optional<Component> claimed = Component.fromHeader(headerComponent);
        Optional<DaosVersion> version = DaosVersion.parse(headerVersion);
        if (claimed.isEmpty() || version.isEmpty()) {
            return Status.INVALID_ARGUMENT.withDescription("failed to extract peer component/version from headers: "
                    + (claimed.isEmpty() ? "invalid component \"" + headerComponent + "\""
                    : "invalid version \"" + headerVersion + "\"")).asRuntimeException();
        }
        Component component = claimed.get();
        if (fromCert.isPresent() && fromCert.get() != component) {
            return Status.PERMISSION_DENIED.withDescription("component mismatch (req: \"" + component
                    + "\" != cert: \"" + fromCert.get() + "\")").asRuntimeException();
        }
        if (!Interop.compatible(self, component, version.get())) {
            return WireErrors.toStatus(RequestFaults.incompatible(self, component.toString(), version.get()));
        }
        return null;
    }

    /** The message path: the version from {@code sys} when there were no headers, then the system name. */
    Fault checkMessage(Message message, boolean hasHeaders, Optional<Component> fromCert) {
        Optional<Descriptors.FieldDescriptor> field = sysFields.computeIfAbsent(message.getDescriptorForType(),
                d -> Optional.ofNullable(d.findFieldByName("sys"))
                        .filter(f -> f.getJavaType() == Descriptors.FieldDescriptor.JavaType.STRING && !f.isRepeated()));
        if (field.isEmpty()) {
            // No sys field: nothing to version or to match; message compatibility is the handler's business.
            return null;
        }
        String sys = (String) message.getField(field.get());
        SystemField parsed = SystemField.parse(sys);
        if (!hasHeaders) {
            DaosVersion other = parsed.version().orElse(DaosVersion.ZERO);
            if (!secure && !other.equals(self)) {
                return RequestFaults.insecureVersionMismatch(self, other);
            }
            Component component = fromCert.orElse(Component.SERVER);
            if (component == Component.UNDEFINED) {
                return RequestFaults.incompatible(self, "unknown", other);
            }
            if (!Interop.compatible(self, component, other)) {
                return RequestFaults.incompatible(self, component.toString(), other);
            }
        }
        if (!parsed.name().isEmpty() && !parsed.name().equals(systemName)) {
            return RequestFaults.wrongSystem(parsed.name(), systemName);
        }
        return null;
    }

    /**
     * A request's {@code sys}: a system name, optionally followed by {@code -<version>} (DAOS clients send
     * {@code daos_server-2.6.5}). A last dash-separated part that is not a version belongs to the name.
     */
    record SystemField(String name, Optional<DaosVersion> version) {
        static SystemField parse(String sys) {
            int dash = sys.lastIndexOf('-');
            if (dash > 0) {
                Optional<DaosVersion> v = DaosVersion.parse(sys.substring(dash + 1));
                if (v.isPresent()) {
                    return new SystemField(sys.substring(0, dash), v);
                }
            }
            return new SystemField(sys, Optional.empty());
        }
    }
}
