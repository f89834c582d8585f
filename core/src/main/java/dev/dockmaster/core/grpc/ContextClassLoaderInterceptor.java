package dev.dockmaster.core.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Sets a module's plugin class loader as the context class loader for every callback of a call into that module's
 * services, since gRPC runs handlers on its own executor threads.
 */
final class ContextClassLoaderInterceptor implements ServerInterceptor {
    private final ClassLoader loader;

    ContextClassLoaderInterceptor(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> delegate = withLoader(() -> next.startCall(call, headers));
        return new SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                withLoader(() -> {
                    super.onMessage(message);
                    return null;
                });
            }

            @Override
            public void onHalfClose() {
                withLoader(() -> {
                    super.onHalfClose();
                    return null;
                });
            }

            @Override
            public void onCancel() {
                withLoader(() -> {
                    super.onCancel();
                    return null;
                });
            }

            @Override
            public void onComplete() {
                withLoader(() -> {
                    super.onComplete();
                    return null;
                });
            }

            @Override
            public void onReady() {
                withLoader(() -> {
                    super.onReady();
                    return null;
                });
            }
        };
    }

    private <T> T withLoader(java.util.function.Supplier<T> body) {
        return dev.dockmaster.core.plugin.ContextClassLoader.call(loader, body);
    }
}
