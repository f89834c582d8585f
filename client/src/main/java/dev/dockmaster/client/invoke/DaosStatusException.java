package dev.dockmaster.client.invoke;

import java.util.Map;

/**
 * A negative DAOS error number (DER_*) that a server returned, e.g. -1013 for DER_AGAIN. The message is DAOS's
 * {@code daos.Status} text: {@code DER_NOSPACE(-1007): No space on storage target}.
 */
public final class DaosStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int DER_NO_PERM = -1001;
    public static final int DER_INVAL = -1003;
    public static final int DER_EXIST = -1004;
    public static final int DER_NONEXIST = -1005;
    public static final int DER_UNREACH = -1006;
    public static final int DER_NOSPACE = -1007;
    public static final int DER_TIMEDOUT = -1011;
    public static final int DER_BUSY = -1012;
    public static final int DER_AGAIN = -1013;
    public static final int DER_OOG = -1019;
    public static final int DER_MISC = -1025;
    public static final int DER_EXCLUDED = -1032;
    public static final int DER_GRPVER = -1036;

    // The names and texts of daos_errno.h (GURT block, numbered from -1000).
    private static final Map<Integer, String> KNOWN = Map.ofEntries(
            Map.entry(DER_NO_PERM, "DER_NO_PERM(-1001): Operation not permitted"),
            Map.entry(-1002, "DER_NO_HDL(-1002): Invalid handle"),
            Map.entry(DER_INVAL, "DER_INVAL(-1003): Invalid parameters"),
            Map.entry(DER_EXIST, "DER_EXIST(-1004): Entity already exists"),
            Map.entry(DER_NONEXIST, "DER_NONEXIST(-1005): The specified entity does not exist"),
            Map.entry(DER_UNREACH, "DER_UNREACH(-1006): Unreachable node"),
            Map.entry(DER_NOSPACE, "DER_NOSPACE(-1007): No space on storage target"),
            Map.entry(-1008, "DER_ALREADY(-1008): Operation already performed"),
            Map.entry(-1009, "DER_NOMEM(-1009): Out of memory"),
            Map.entry(-1010, "DER_NOSYS(-1010): Function not implemented"),
            Map.entry(DER_TIMEDOUT, "DER_TIMEDOUT(-1011): Time out"),
            Map.entry(DER_BUSY, "DER_BUSY(-1012): Device or resource busy"),
            Map.entry(DER_AGAIN, "DER_AGAIN(-1013): Try again"),
            Map.entry(-1014, "DER_PROTO(-1014): Incompatible protocol"),
            Map.entry(-1015, "DER_UNINIT(-1015): Device or resource not initialized"),
            Map.entry(-1018, "DER_CANCELED(-1018): Operation canceled"),
            Map.entry(DER_OOG, "DER_OOG(-1019): Out of group or member list"),
            Map.entry(DER_MISC, "DER_MISC(-1025): Miscellaneous error"),
            Map.entry(DER_EXCLUDED, "DER_EXCLUDED(-1032): Rank has been excluded"),
            Map.entry(DER_GRPVER, "DER_GRPVER(-1036): Group versioning mismatch"));

    private final int status;

    public DaosStatusException(int status) {
        super(KNOWN.getOrDefault(status, "DER_UNKNOWN(" + status + "): Unknown error code " + status));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
