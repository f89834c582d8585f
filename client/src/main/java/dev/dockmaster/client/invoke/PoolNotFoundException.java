package dev.dockmaster.client.invoke;

/**
 * The management service has no pool service for the label or UUID asked for: DAOS's {@code system.ErrPoolNotFound},
 * which crosses gRPC as an ErrorInfo with reason {@code proto.system.ErrPoolNotFound}. The message is the server's
 * ({@code unable to find pool service with label "tank"}).
 */
public final class PoolNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PoolNotFoundException(String message) {
        super(message);
    }
}
