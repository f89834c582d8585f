package dev.dockmaster.core.drpc;

import dev.dockmaster.proto.drpc.Status;

/**
 * A handler's way to answer with a dRPC status other than SUCCESS (DAOS's {@code drpc.Failure}). Anything else a
 * handler throws is answered with FAILURE.
 */
public final class DrpcFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Status status;

    public DrpcFailure(Status status, String message) {
        super(message);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public static DrpcFailure unknownMethod() {
        return new DrpcFailure(Status.UNKNOWN_METHOD, "unrecognized method ID");
    }

    public static DrpcFailure unmarshalPayload(Throwable cause) {
        DrpcFailure f = new DrpcFailure(Status.FAILED_UNMARSHAL_PAYLOAD,
                "failed to unmarshal method-specific payload: " + cause.getMessage());
        f.initCause(cause);
        return f;
    }
}
