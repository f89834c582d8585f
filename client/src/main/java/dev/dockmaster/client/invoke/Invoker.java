package dev.dockmaster.client.invoke;

import dev.dockmaster.client.ControlConfig;

/**
 * Sends one unary RPC to many hosts concurrently under one deadline and collects every host's result or error. This
 * is the seam that typed requests are written against: the real one speaks gRPC ({@link GrpcInvoker}), tests script
 * one ({@code dev.dockmaster.client.testing.ScriptedInvoker}).
 *
 * <p>{@link #invoke} throws only when the request cannot be sent at all (no hosts, bad configuration, transport not
 * available); anything that goes wrong with one host is that host's error in the response.
 */
public interface Invoker extends AutoCloseable {

    <Q, R> UnaryResponse<R> invoke(UnaryRequest<Q, R> request);

    /**
     * The configuration the invoker resolves hosts with: management service requests pick their candidates from its
     * host list and name the system after it.
     */
    default ControlConfig config() {
        return ControlConfig.defaults();
    }

    /** Releases connections; the invoker cannot be used afterwards. */
    @Override
    void close();
}
