package dev.dockmaster.core.drpc;

import dev.dockmaster.proto.drpc.Status;

import java.io.IOException;
import java.util.Optional;

/** A dRPC call that did not succeed: the transport failed, or the peer answered with a status other than SUCCESS. */
public final class DrpcCallException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Status status;

    public DrpcCallException(String message, Status status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The peer's dRPC status, when it answered. */
    public Optional<Status> status() {
        return Optional.ofNullable(status);
    }
}
