package dev.dockmaster.plugins.management;

import java.util.Map;

/**
 * DAOS error numbers ({@code daos_errno.h}) that pool operations meet, with DAOS's names and texts, so an error reads
 * as DAOS's {@code daos.Status} prints it: {@code DER_NOSPACE(-1007): No space on storage target}.
 */
final class DaosStatus {
    static final int SUCCESS = 0;
    static final int DER_INVAL = -1003;
    static final int DER_EXIST = -1004;
    static final int DER_NONEXIST = -1005;
    static final int DER_NOSPACE = -1007;
    static final int DER_TIMEDOUT = -1011;
    static final int DER_BUSY = -1012;
    static final int DER_AGAIN = -1013;
    static final int DER_NO_SERVICE = -2039;

    private static final Map<Integer, String[]> KNOWN = Map.ofEntries(
            Map.entry(-1001, new String[] {"DER_NO_PERM", "Operation not permitted"}),
            Map.entry(-1002, new String[] {"DER_NO_HDL", "Invalid handle"}),
            Map.entry(DER_INVAL, new String[] {"DER_INVAL", "Invalid parameters"}),
            Map.entry(DER_EXIST, new String[] {"DER_EXIST", "Entity already exists"}),
            Map.entry(DER_NONEXIST, new String[] {"DER_NONEXIST", "The specified entity does not exist"}),
            Map.entry(-1006, new String[] {"DER_UNREACH", "Unreachable node"}),
            Map.entry(DER_NOSPACE, new String[] {"DER_NOSPACE", "No space on storage target"}),
            Map.entry(-1009, new String[] {"DER_NOMEM", "Out of memory"}),
            Map.entry(-1010, new String[] {"DER_NOSYS", "Function not implemented"}),
            Map.entry(DER_TIMEDOUT, new String[] {"DER_TIMEDOUT", "Time out"}),
            Map.entry(DER_BUSY, new String[] {"DER_BUSY", "Device or resource busy"}),
            Map.entry(DER_AGAIN, new String[] {"DER_AGAIN", "Try again"}),
            Map.entry(-2008, new String[] {"DER_NOTLEADER", "Not service leader"}),
            Map.entry(DER_NO_SERVICE, new String[] {"DER_NO_SERVICE", "No service available"}));

    private DaosStatus() {
    }

    /** {@code DER_NAME(-n): text}, or {@code DER_UNKNOWN(n)} for a number not listed here. */
    static String describe(int status) {
        String[] known = KNOWN.get(status);
        return known == null ? "DER_UNKNOWN(" + status + "): Unknown error code " + status
                : known[0] + "(" + status + "): " + known[1];
    }
}
