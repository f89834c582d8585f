package dev.dockmaster.core.drpc;

/**
 * The dRPC methods the control plane uses, with DAOS's ids: those the server calls on engines (MGMT) and the
 * engine upcalls the server answers (SRV).
 */
public enum DrpcMethod {
    SET_RANK(DrpcModule.MGMT, 202, "SetRank"),
    SET_UP(DrpcModule.MGMT, 209, "SetUp"),
    PREP_SHUTDOWN(DrpcModule.MGMT, 218, "PrepShutdown"),
    PING_RANK(DrpcModule.MGMT, 225, "PingRank"),
    GROUP_UPDATE(DrpcModule.MGMT, 232, "GroupUpdate"),
    SET_LOG_MASKS(DrpcModule.MGMT, 238, "SetLogMasks"),

    NOTIFY_READY(DrpcModule.SRV, 301, "notify ready"),
    GET_POOL_SVC(DrpcModule.SRV, 303, "get pool service ranks"),
    CLUSTER_EVENT(DrpcModule.SRV, 304, "cluster event"),
    POOL_FIND_BY_LABEL(DrpcModule.SRV, 305, "find pool by label"),
    LIST_POOLS(DrpcModule.SRV, 310, "list pools");

    private final DrpcModule module;
    private final int id;
    private final String displayName;

    DrpcMethod(DrpcModule module, int id, String displayName) {
        if (id / 100 != module.id()) {
            throw new IllegalStateException("method " + id + " is not numbered inside module " + module);
        }
        this.module = module;
        this.id = id;
        this.displayName = displayName;
    }

    public DrpcModule module() {
        return module;
    }

    public int id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }
}
