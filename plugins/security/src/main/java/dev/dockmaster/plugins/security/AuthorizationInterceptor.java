package dev.dockmaster.plugins.security;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Enforces the {@link AuthorizationTable} on every call before anything else looks at it: the caller's component
 * comes from its verified certificate; a call from a component the method does not allow, to a method the table
 * does not know, or without a client certificate, ends with PERMISSION_DENIED and never reaches a handler.
 */
public final class AuthorizationInterceptor implements ServerInterceptor {
    private final AuthorizationTable table;

    public AuthorizationInterceptor(AuthorizationTable table) {
        this.table = table;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Component component = PeerIdentity.of(call).orElse(null);
        if (component == null) {
            // Only reachable if the port was opened without TLS while this interceptor is installed.
            call.close(Status.UNAUTHENTICATED.withDescription("no TLS client certificate on this connection"),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        if (!table.permits(component, method)) {
            call.close(Status.PERMISSION_DENIED.withDescription(denied(component, method)), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }

    /** DAOS's wording, with the method spelt as DAOS's Go server does ({@code /ctl.CtlSvc/NetworkScan}). */
    static String denied(Component component, String fullMethodName) {
        return component + " does not have permission to call /" + fullMethodName;
    }
}
