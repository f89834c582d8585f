package dev.dockmaster.core.engine;

import dev.dockmaster.core.config.EngineConfig;
import dev.dockmaster.core.config.StorageClass;
import dev.dockmaster.core.config.StorageTier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daos_engine command line and environment derived from one {@code engines[]} entry, as DAOS's
 * {@code server/engine/exec.go} builds them (reference 4.2 step 4).
 *
 * <p>Arguments: {@code -t targets -x nr_xs_helpers [-f first_core] -g name -d socket_dir -s scm_mount
 * [-n <scm_mount>/daos_nvme.conf] -I idx [-p pinned_numa_node] -T tiers [-b]}. {@code -r}/{@code -H} (hugepage memory)
 * are not passed: Dockmaster does not size hugepages, and the engine then uses its defaults.
 *
 * <p>Environment: the server's own, without the variables that configure an engine (a {@code D_*}, {@code CRT_*},
 * {@code FI_*} ... left in daos_server's environment must not leak into every engine), except those named in
 * {@code env_pass_through}; then {@code D_PROVIDER}, {@code D_INTERFACE}, {@code D_PORT}, {@code CRT_TIMEOUT},
 * {@code D_LOG_MASK}, {@code D_LOG_FILE}, {@code VOS_BDEV_CLASS}, {@code D_PROVIDER_AUTH_KEY},
 * {@code FI_OFI_RXM_USE_SRX} from the config; then {@code env_vars}, which win.
 */
public final class EngineCommandLine {
    private static final List<String> ENGINE_PREFIXES = List.of("D_", "DD_", "CRT_", "FI_", "OFI_", "VOS_", "DAOS_",
            "ABT_", "PMEMOBJ_", "UCX_");

    private EngineCommandLine() {
    }

    /** What the engines of this server share. */
    public record Common(String systemName, Path socketDir, String fabricAuthKey, boolean disableSrx) {
    }

    public static List<String> args(EngineConfig engine, Common common) {
        List<String> args = new ArrayList<>();
        add(args, "-t", engine.targets());
        add(args, "-x", engine.nrXsHelpers());
        engine.firstCore().ifPresent(core -> add(args, "-f", core));
        args.addAll(List.of("-g", common.systemName()));
        args.addAll(List.of("-d", common.socketDir().toString()));
        String mount = engine.scmTier().scmMount();
        args.addAll(List.of("-s", mount));
        if (!engine.bdevTiers().isEmpty()) {
            args.addAll(List.of("-n", Path.of(mount).resolve(NvmeConfig.FILE_NAME).toString()));
        }
        add(args, "-I", engine.index());
        engine.pinnedNumaNode().ifPresent(node -> add(args, "-p", node));
        add(args, "-T", engine.storage().size());
        if (engine.bypassHealthChk()) {
            args.add("-b");
        }
        return args;
    }

    public static Map<String, String> env(EngineConfig engine, Common common, Map<String, String> serverEnv) {
        Set<String> passThrough = Set.copyOf(engine.envPassThrough());
        Map<String, String> env = new LinkedHashMap<>();
        serverEnv.forEach((key, value) -> {
            if (passThrough.contains(key) || ENGINE_PREFIXES.stream().noneMatch(key::startsWith)) {
                env.put(key, value);
            }
        });
        env.put("D_PROVIDER", engine.provider());
        env.put("D_INTERFACE", engine.fabricIface());
        env.put("D_PORT", Integer.toString(engine.fabricIfacePort()));
        if (engine.crtTimeout() > 0) {
            env.put("CRT_TIMEOUT", Integer.toString(engine.crtTimeout()));
        }
        if (!engine.logMask().isEmpty()) {
            env.put("D_LOG_MASK", engine.logMask());
        }
        if (!engine.logFile().isEmpty()) {
            env.put("D_LOG_FILE", engine.logFile());
        }
        bdevClass(engine).ifPresent(c -> env.put("VOS_BDEV_CLASS", c));
        if (!common.fabricAuthKey().isEmpty()) {
            env.put("D_PROVIDER_AUTH_KEY", common.fabricAuthKey());
        }
        if (common.disableSrx()) {
            env.put("FI_OFI_RXM_USE_SRX", "0");
        }
        for (String entry : engine.envVars()) {
            int eq = entry.indexOf('=');
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }

    /** DAOS: NVME for SSDs, AIO for file and kernel-device backed bdevs; none without bdevs. */
    private static java.util.Optional<String> bdevClass(EngineConfig engine) {
        for (StorageTier tier : engine.bdevTiers()) {
            return java.util.Optional.of(tier.storageClass() == StorageClass.NVME ? "NVME" : "AIO");
        }
        return java.util.Optional.empty();
    }

    private static void add(List<String> args, String flag, int value) {
        args.add(flag);
        args.add(Integer.toString(value));
    }
}
