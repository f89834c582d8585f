package dev.dockmaster.client.invoke;

import dev.dockmaster.spi.Fault;

/**
 * No management service replica could be reached (DAOS's {@code errMSConnectionFailure}): the connection fault of
 * the last candidate, followed by "unable to contact the DAOS Management Service", as DAOS's dmg prints it.
 */
public final class MsUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MsUnreachableException(Fault connectionFault) {
        super(connectionFault.getMessage() + ": unable to contact the DAOS Management Service", connectionFault);
    }

    /** The connection fault behind it, for its code and resolution. */
    public Fault connectionFault() {
        return (Fault) getCause();
    }
}
