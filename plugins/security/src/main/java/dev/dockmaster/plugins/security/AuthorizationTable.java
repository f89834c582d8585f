package dev.dockmaster.plugins.security;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which components may call which gRPC method, DAOS's {@code security/grpc_authorization.go} for the DAOS methods
 * Dockmaster serves, plus Dockmaster's own services. A method that is not listed is denied to everyone, so a new
 * method is unreachable under TLS until someone decides here who may call it (a unit test fails until then).
 *
 * <p>Keys are full method names without the leading slash, as grpc-java spells them ({@code ctl.CtlSvc/StorageScan}).
 */
public final class AuthorizationTable {
    private static final Set<Component> ADMIN = EnumSet.of(Component.ADMIN);
    private static final Set<Component> SERVER = EnumSet.of(Component.SERVER);
    private static final Set<Component> AGENT = EnumSet.of(Component.AGENT);
    private static final Set<Component> ADMIN_AGENT = EnumSet.of(Component.ADMIN, Component.AGENT);
    private static final Set<Component> ADMIN_SERVER = EnumSet.of(Component.ADMIN, Component.SERVER);

    /** The shipped table. */
    public static final AuthorizationTable DEFAULT = new AuthorizationTable(Map.ofEntries(
            // ctl.CtlSvc: per-host operations an admin runs ...
            Map.entry("ctl.CtlSvc/StorageScan", ADMIN),
            Map.entry("ctl.CtlSvc/StorageFormat", ADMIN),
            Map.entry("ctl.CtlSvc/NetworkScan", ADMIN),
            Map.entry("ctl.CtlSvc/SetEngineLogMasks", ADMIN),
            // ... and the rank operations only the management service leader fans out to other servers.
            Map.entry("ctl.CtlSvc/PrepShutdownRanks", SERVER),
            Map.entry("ctl.CtlSvc/StopRanks", SERVER),
            Map.entry("ctl.CtlSvc/ResetFormatRanks", SERVER),
            Map.entry("ctl.CtlSvc/StartRanks", SERVER),
            // mgmt.MgmtSvc: servers join their engines and forward engine events to the leader ...
            Map.entry("mgmt.MgmtSvc/Join", SERVER),
            Map.entry("mgmt.MgmtSvc/ClusterEvent", SERVER),
            // ... the agent fetches what client libraries need to attach ...
            Map.entry("mgmt.MgmtSvc/GetAttachInfo", AGENT),
            // ... and the admin asks about the system.
            Map.entry("mgmt.MgmtSvc/LeaderQuery", ADMIN),
            Map.entry("mgmt.MgmtSvc/SystemQuery", ADMIN),
            // ... and runs system commands; only SystemCleanup is also the agent's (it evicts a dead client's handles).
            Map.entry("mgmt.MgmtSvc/SystemStop", ADMIN),
            Map.entry("mgmt.MgmtSvc/SystemStart", ADMIN),
            Map.entry("mgmt.MgmtSvc/SystemExclude", ADMIN),
            // SystemErase is also the MS leader's, which tells every other replica to erase its database copy.
            Map.entry("mgmt.MgmtSvc/SystemErase", ADMIN_SERVER),
            Map.entry("mgmt.MgmtSvc/SystemCleanup", ADMIN_AGENT),
            Map.entry("mgmt.MgmtSvc/SystemSetAttr", ADMIN),
            Map.entry("mgmt.MgmtSvc/SystemGetAttr", ADMIN),
            Map.entry("mgmt.MgmtSvc/SystemSetProp", ADMIN),
            Map.entry("mgmt.MgmtSvc/SystemGetProp", ADMIN),
            // Pools are the admin's; the agent may evict handles, and servers drain/reintegrate for SystemDrain.
            Map.entry("mgmt.MgmtSvc/PoolCreate", ADMIN),
            Map.entry("mgmt.MgmtSvc/PoolDestroy", ADMIN),
            Map.entry("mgmt.MgmtSvc/PoolEvict", ADMIN_AGENT),
            Map.entry("mgmt.MgmtSvc/PoolExclude", ADMIN),
            Map.entry("mgmt.MgmtSvc/PoolDrain", ADMIN_SERVER),
            Map.entry("mgmt.MgmtSvc/PoolReintegrate", ADMIN_SERVER),
            Map.entry("mgmt.MgmtSvc/PoolQuery", ADMIN),
            Map.entry("mgmt.MgmtSvc/PoolSetProp", ADMIN),
            Map.entry("mgmt.MgmtSvc/PoolGetProp", ADMIN),
            Map.entry("mgmt.MgmtSvc/PoolGetACL", ADMIN),
            Map.entry("mgmt.MgmtSvc/PoolOverwriteACL", ADMIN),
            Map.entry("mgmt.MgmtSvc/PoolUpdateACL", ADMIN),
            Map.entry("mgmt.MgmtSvc/PoolDeleteACL", ADMIN),
            Map.entry("mgmt.MgmtSvc/ListPools", ADMIN),
            // Dockmaster's introspection (dmg server plugins) is an admin tool.
            Map.entry("dockmaster.v1.ServerSvc/ListPlugins", ADMIN)));

    private final Map<String, Set<Component>> allowed;

    public AuthorizationTable(Map<String, Set<Component>> allowed) {
        TreeMap<String, Set<Component>> copy = new TreeMap<>();
        allowed.forEach((method, components) -> copy.put(method, Set.copyOf(components)));
        this.allowed = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean permits(Component component, String fullMethodName) {
        Set<Component> components = allowed.get(fullMethodName);
        return components != null && components.contains(component);
    }

    /** Every method with its allowed components, sorted by method. */
    public Map<String, Set<Component>> entries() {
        return allowed;
    }
}
