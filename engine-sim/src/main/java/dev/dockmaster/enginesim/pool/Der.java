package dev.dockmaster.enginesim.pool;

/** The DAOS error numbers (daos_errno.h) the simulated pool service answers with, negated as on the wire. */
public final class Der {
    public static final int SUCCESS = 0;
    public static final int NO_PERM = -1001;
    public static final int INVAL = -1003;
    public static final int EXIST = -1004;
    public static final int NONEXIST = -1005;
    public static final int UNREACH = -1006;
    public static final int NOSPACE = -1007;
    public static final int TIMEDOUT = -1011;
    public static final int BUSY = -1012;
    public static final int PROTO = -1014;
    public static final int OOG = -1019;

    private Der() {
    }

    /** A DAOS error carried out of a deep call (a store or fabric step) up to the handler that answers. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Failure(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
