package dev.dockmaster.spi.grpc;

import io.grpc.ServerInterceptor;

import java.util.Objects;

/**
 * A server interceptor with an explicit position. Lower orders see a call first. The core refuses to start when two
 * interceptors declare the same order, rather than picking one silently.
 *
 * @param order position in the chain; lower runs first
 * @param name a label for logs and errors
 * @param interceptor the interceptor
 */
public record OrderedInterceptor(int order, String name, ServerInterceptor interceptor) {
    public OrderedInterceptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interceptor, "interceptor");
    }
}
