package dev.dockmaster.core.config;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One entry of {@code engines}: a daos_engine process and its resources. Fabric settings not given in the entry are
 * inherited from the top level, as DAOS does.
 *
 * @param index                      position in {@code engines}, which is also the engine's instance index
 * @param targets                    {@code targets}: I/O service threads (> 0)
 * @param nrXsHelpers                {@code nr_xs_helpers}: offload helper threads (≥ 0)
 * @param firstCore                  {@code first_core}: legacy core pinning; empty when not set
 * @param pinnedNumaNode             {@code pinned_numa_node}: NUMA node to pin to; empty = detect from fabric
 * @param provider                   {@code provider}: fabric provider, inherited from the top level when not set
 * @param fabricIface                {@code fabric_iface}: network interface
 * @param fabricIfacePort            {@code fabric_iface_port}: fabric port
 * @param bypassHealthChk            {@code bypass_health_chk}
 * @param crtTimeout                 {@code crt_timeout}: CaRT RPC timeout in seconds; 0 = engine default
 * @param logFile                    {@code log_file}: engine log; empty = the engine logs to the control log
 * @param logMask                    {@code log_mask}: engine log mask; empty = engine default (ERR)
 * @param envVars                    {@code env_vars}: {@code KEY=VALUE} entries for the engine's environment
 * @param envPassThrough             {@code env_pass_through}: names of server variables passed to the engine
 * @param storage                    {@code storage}: the tiers, SCM first
 */
public record EngineConfig(
        int index,
        int targets,
        int nrXsHelpers,
        OptionalInt firstCore,
        OptionalInt pinnedNumaNode,
        String provider,
        String fabricIface,
        int fabricIfacePort,
        boolean bypassHealthChk,
        int crtTimeout,
        String logFile,
        String logMask,
        List<String> envVars,
        List<String> envPassThrough,
        List<StorageTier> storage) {

    public EngineConfig {
        Objects.requireNonNull(firstCore, "firstCore");
        Objects.requireNonNull(pinnedNumaNode, "pinnedNumaNode");
        provider = provider == null ? "" : provider;
        fabricIface = fabricIface == null ? "" : fabricIface;
        logFile = logFile == null ? "" : logFile;
        logMask = logMask == null ? "" : logMask;
        envVars = List.copyOf(envVars);
        envPassThrough = List.copyOf(envPassThrough);
        storage = List.copyOf(storage);
    }

    /** The SCM tier (tier 0) of a validated engine. */
    public StorageTier scmTier() {
        return storage.get(0);
    }

    /** The bdev tiers (1..3), possibly none. */
    public List<StorageTier> bdevTiers() {
        return storage.stream().filter(StorageTier::isBdev).toList();
    }
}
