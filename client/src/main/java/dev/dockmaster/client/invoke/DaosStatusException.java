package dev.dockmaster.client.invoke;

import java.util.Map;

/** A negative DAOS error number (DER_*) that a server returned, e.g. -1013 for DER_AGAIN. */
public final class DaosStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final Map<Integer, String> KNOWN = Map.of(
            -1005, "DER_NONEXIST(-1005): The specified entity does not exist",
            -1007, "DER_NOSPACE(-1007): No space left on storage target",
            -1011, "DER_TIMEDOUT(-1011): Time out",
            -1012, "DER_BUSY(-1012): Device or resource busy",
            -1013, "DER_AGAIN(-1013): Try again",
            -1025, "DER_MISC(-1025): Miscellaneous error");

    private final int status;

    public DaosStatusException(int status) {
        super(KNOWN.getOrDefault(status, "DER_UNKNOWN(" + status + "): Unknown error code " + status));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
