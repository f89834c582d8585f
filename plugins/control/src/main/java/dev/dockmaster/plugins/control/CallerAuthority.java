package dev.dockmaster.plugins.control;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import java.util.Optional;

/**
 * Remembers, for the duration of a call, the authority ({@code host:port}) the caller dialled to reach this server.
 * That is the control address under which the caller (the management service fanning out a system stop, say) knows
 * this host, so rank results carry it even when several servers share one host name on different ports.
 */
final class CallerAuthority implements ServerInterceptor {
    private static final Context.Key<String> KEY = Context.key("dockmaster-ctl-authority");

    /** The authority of the current call, when the transport told it. */
    static Optional<String> current() {
        return Optional.ofNullable(KEY.get()).filter(a -> !a.isBlank());
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String authority = call.getAuthority();
        if (authority == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(KEY, authority), call, headers, next);
    }
}
