package dev.dockmaster.client.invoke;

import dev.dockmaster.client.hostlist.HostSet;
import io.grpc.MethodDescriptor;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One unary RPC to send to a set of hosts.
 *
 * @param name    the request's name in messages, e.g. {@code StorageScan}
 * @param method  the gRPC method
 * @param message the request body, the same for every host
 * @param hosts   where to send it; empty means the configured host list
 * @param timeout the deadline for the whole fan-out; empty means {@link #DEFAULT_TIMEOUT}
 */
public record UnaryRequest<Q, R>(String name, MethodDescriptor<Q, R> method, Q message, HostSet hosts,
                                 Optional<Duration> timeout) {
    /** DAOS's default request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public UnaryRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(timeout, "timeout");
    }

    public Duration effectiveTimeout() {
        return timeout.orElse(DEFAULT_TIMEOUT);
    }
}
