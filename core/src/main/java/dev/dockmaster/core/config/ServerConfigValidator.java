package dev.dockmaster.core.config;

import com.typesafe.config.Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.dockmaster.core.config.ConfigFaultCodes.BAD_CONFIG;

/**
 * Checks a merged configuration against DAOS 2.6's rules (those that need no hardware) and Dockmaster's extension
 * blocks, collecting every problem, and turns it into {@link ServerSettings}.
 *
 * <p>Deliberate differences from DAOS: the access-point rules (705/706) and port rules (703/704) also apply without
 * engines, because Dockmaster serves the management service in that mode too; and keys of one storage family on a
 * tier of the other (scm_* on nvme, bdev_* on ram), which DAOS ignores, are reported as the typos they usually are.
 */
final class ServerConfigValidator {
    private ServerConfigValidator() {
    }

    static final int MAX_SYSTEM_NAME = 15;
    private static final List<String> CONTROL_LOG_LEVELS =
            List.of("DISABLED", "TRACE", "DEBUG", "INFO", "NOTICE", "ERROR");

    static ServerSettings validate(Config merged, Config reference, Problems problems) {
        Block root = new Block("", merged.root(), reference.root(), merged.root().origin(), problems);
        root.checkKeys(ConfigSchema.TOP_LEVEL);

        String name = root.string("name", "daos_server");
        if (name.isEmpty() || name.length() > MAX_SYSTEM_NAME) {
            root.problem("name", BAD_CONFIG, "invalid system name \"" + name + "\": must have 1 to "
                    + MAX_SYSTEM_NAME + " characters", "use the default name daos_server");
        }
        int port = root.integer("port", 10001);
        if (port <= 0 || port > 65535) {
            root.problem("port", ConfigFaultCodes.BAD_CONTROL_PORT, "invalid control port " + port,
                    "specify a positive non-zero network port (at most 65535) in 'port'");
        }
        int telemetryPort = root.integer("telemetry_port", 0);
        if (telemetryPort < 0 || telemetryPort > 65535) {
            root.problem("telemetry_port", ConfigFaultCodes.BAD_TELEMETRY_PORT,
                    "invalid telemetry port " + telemetryPort,
                    "specify a network port between 1 and 65535 in 'telemetry_port' (9191 is usual), or 0 to disable");
        }
        List<String> accessPoints = AccessPoints.normalise(root, port);
        TransportConfig transport = readTransport(root.block("transport_config"));

        String socketDir = root.string("socket_dir", "/var/run/daos_server");
        if (socketDir.isBlank()) {
            root.problem("socket_dir", BAD_CONFIG, "socket_dir is empty", "set a directory such as /var/run/daos_server");
        }
        String controlLogMask = root.string("control_log_mask", "INFO").toUpperCase(Locale.ROOT);
        if (!CONTROL_LOG_LEVELS.contains(controlLogMask)) {
            root.problem("control_log_mask", BAD_CONFIG, "\"" + controlLogMask + "\" is not a valid log level"
                            + DidYouMean.hint(controlLogMask, CONTROL_LOG_LEVELS),
                    "use one of " + String.join(", ", CONTROL_LOG_LEVELS));
        }

        String provider = root.string("provider", "").trim();
        List<String> providers = splitList(provider);
        if (providers.size() > 1) {
            root.problem("provider", ConfigFaultCodes.BAD_PROVIDER,
                    "fabric provider string \"" + provider + "\" includes more than one provider",
                    "DAOS 2.6 supports a single provider; keep one, e.g. ofi+tcp;ofi_rxm");
        }
        String fabricIface = root.string("fabric_iface", "");
        int fabricIfacePort = root.integer("fabric_iface_port", 0);
        int crtTimeout = root.integer("crt_timeout", 0);
        if (crtTimeout < 0) {
            root.problem("crt_timeout", BAD_CONFIG, "crt_timeout must not be negative", "give seconds, e.g. 30");
        }
        root.bool("bypass_health_chk", false);
        root.strings("secondary_provider_endpoints");
        boolean disableSrx = root.bool("disable_srx", false);
        String authKey = root.string("fabric_auth_key", "");
        List<String> clientEnvVars = root.strings("client_env_vars");
        checkKeyValues(root, "client_env_vars", clientEnvVars);

        String faultPath = root.string("fault_path", "");
        String faultCb = root.string("fault_cb", "");
        checkFaultDomain(root, faultPath, faultCb);

        Long hugepages = root.wholeNumber("nr_hugepages");
        int nrHugepages = 0;
        if (hugepages != null && (hugepages < 0 || hugepages > Integer.MAX_VALUE)) {
            root.problem("nr_hugepages", ConfigFaultCodes.NR_HUGEPAGES_OUT_OF_RANGE,
                    "number of hugepages specified (" + hugepages + ") is out of range (0 - " + Integer.MAX_VALUE + ")",
                    "specify a nr_hugepages value between 0 and " + Integer.MAX_VALUE + " (0 = automatic)");
        } else if (hugepages != null) {
            nrHugepages = (int) (long) hugepages;
        }
        boolean disableHugepages = root.bool("disable_hugepages", false);
        boolean allowThp = root.bool("allow_thp", false);
        int ramReserved = root.integer("system_ram_reserved", 16);
        if (ramReserved <= 0) {
            root.problem("system_ram_reserved", ConfigFaultCodes.SYS_RSVD_ZERO,
                    "system_ram_reserved is set to " + ramReserved + " in server config",
                    "set system_ram_reserved to a positive number of GiB (default 16)");
        }
        ControlMetadata metadata = readControlMetadata(root.block("control_metadata"));
        List<String> bdevExclude = root.strings("bdev_exclude");
        Long dumpFilter = root.wholeNumber("core_dump_filter");
        int coreDumpFilter = 0x13;
        if (dumpFilter != null && (dumpFilter < 0 || dumpFilter > 0xff)) {
            root.problem("core_dump_filter", BAD_CONFIG, "core_dump_filter " + dumpFilter + " is not a byte",
                    "give a bit mask between 0 and 0xff (default 0x13)");
        } else if (dumpFilter != null) {
            coreDumpFilter = (int) (long) dumpFilter;
        }

        List<Block> engineBlocks = root.blocks("engines");
        EngineReader.Inherited inherited = new EngineReader.Inherited(provider, fabricIface, fabricIfacePort,
                crtTimeout, metadata);
        List<EngineConfig> engines = new ArrayList<>();
        for (int i = 0; i < engineBlocks.size(); i++) {
            engines.add(EngineReader.read(engineBlocks.get(i), i, inherited));
        }
        if (!engines.isEmpty()) {
            if (providers.isEmpty()) {
                root.problemAt("provider", root.originOf("engines"), ConfigFaultCodes.BAD_PROVIDER, "provider not specified in server configuration",
                        "specify a network provider in 'provider' (see 'daos_server network scan'), e.g. ofi+tcp;ofi_rxm");
            }
            MultiEngineRules.check(engineBlocks, engines);
            checkEngineBdevs(root, engines, disableHugepages, bdevExclude);
        }
        if (metadata.hasPath() && engines.isEmpty()) {
            // DAOS: control_metadata.path needs an engine with the meta role (fault 317 applies without bdevs too)
            root.problem("control_metadata", ConfigFaultCodes.BDEV_CONFIG_CONTROL_METADATA_NO_ROLES,
                    "using 'control_metadata.path' requires MD-on-SSD roles, but no engine is configured",
                    "add engines with 'bdev_roles', or remove 'control_metadata'");
        }

        PluginsConfig plugins = readPlugins(root.block("plugins"));
        // Dockmaster: which daos_engine to run; whether it exists is checked at start, where the installation
        // directory (against which a relative path resolves) is known.
        String engineBinary = root.string("engine_binary", "").trim();
        checkModules(root.block("modules"));
        checkPluginBlocks(root.block("plugin"));

        return new ServerSettings(name, port, accessPoints, transport, socketDir, telemetryPort, controlLogMask,
                root.string("control_log_file", ""), root.bool("control_log_json", false),
                root.string("helper_log_file", ""), root.string("firmware_helper_log_file", ""), providers,
                fabricIface, fabricIfacePort, crtTimeout, disableSrx, authKey, clientEnvVars, faultPath, faultCb,
                nrHugepages, disableHugepages, allowThp, ramReserved, metadata, bdevExclude,
                root.bool("disable_vfio", false), root.bool("disable_vmd", false),
                root.bool("enable_hotplug", false), root.bool("hyperthreads", false), coreDumpFilter, engines,
                plugins, engineBinary);
    }

    /** Splits a comma-separated list (multi-provider syntax), dropping blanks. */
    static List<String> splitList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static void checkKeyValues(Block block, String key, List<String> entries) {
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                block.problem(key, BAD_CONFIG, "entry \"" + entry + "\" is not of the form KEY=VALUE",
                        "write each entry as NAME=value without quotes, e.g. CRT_TIMEOUT=30");
            }
        }
    }

    private static TransportConfig readTransport(Block block) {
        block.checkKeys(ConfigSchema.TRANSPORT);
        return new TransportConfig(block.bool("allow_insecure", false),
                block.string("client_cert_dir", "/etc/daos/certs/clients"),
                block.string("ca_cert", "/etc/daos/certs/daosCA.crt"),
                block.string("cert", "/etc/daos/certs/server.crt"),
                block.string("key", "/etc/daos/certs/server.key"));
    }

    private static ControlMetadata readControlMetadata(Block block) {
        block.checkKeys(ConfigSchema.CONTROL_METADATA);
        ControlMetadata metadata = new ControlMetadata(block.string("path", ""), block.string("device", ""));
        if (!metadata.device().isEmpty() && !metadata.hasPath()) {
            block.problem("device", ConfigFaultCodes.CONTROL_METADATA_NO_PATH,
                    "using a control_metadata device requires a path to use as the mount point",
                    "add a valid 'path' to the 'control_metadata' section");
        }
        return metadata;
    }

    private static void checkFaultDomain(Block root, String faultPath, String faultCb) {
        if (!faultPath.isEmpty() && !faultCb.isEmpty()) {
            root.problem("fault_cb", ConfigFaultCodes.BOTH_FAULT_PATH_AND_CB,
                    "both fault domain and fault path are defined in the configuration",
                    "remove either 'fault_path' or 'fault_cb'");
        }
        if (faultPath.isEmpty()) {
            return;
        }
        String path = faultPath.trim();
        List<String> levels = path.startsWith("/") ? Arrays.asList(path.substring(1).split("/", -1)) : List.of();
        boolean valid = path.startsWith("/") && !path.equals("/")
                && levels.stream().allMatch(l -> !l.isEmpty() && l.chars().noneMatch(Character::isWhitespace));
        if (!valid) {
            root.problem("fault_path", ConfigFaultCodes.FAULT_DOMAIN_INVALID,
                    "invalid fault domain \"" + faultPath + "\"",
                    "write the fault domain as /level1/level2, e.g. /rack1/" + "node1");
        } else if (levels.size() > 2) {
            root.problem("fault_path", ConfigFaultCodes.FAULT_DOMAIN_TOO_MANY_LAYERS,
                    "the fault domain path may have a maximum of 2 levels below the root, found " + levels.size(),
                    "shorten 'fault_path' to at most two levels, e.g. /rack1/node1");
        }
    }

    private static void checkEngineBdevs(Block root, List<EngineConfig> engines, boolean disableHugepages,
                                         List<String> bdevExclude) {
        boolean anyBdevs = engines.stream().anyMatch(e -> e.bdevTiers().stream().anyMatch(t -> !t.bdevList().isEmpty()));
        if (disableHugepages && anyBdevs) {
            root.problem("disable_hugepages", ConfigFaultCodes.HUGEPAGES_DISABLED_WITH_BDEVS,
                    "hugepages cannot be disabled if bdevs have been specified in config",
                    "set disable_hugepages to false (or remove it), or remove the bdev tiers");
        }
        Set<String> excluded = new HashSet<>();
        bdevExclude.forEach(a -> excluded.add(PciAddress.canonical(a)));
        for (EngineConfig engine : engines) {
            for (StorageTier tier : engine.bdevTiers()) {
                if (tier.storageClass() != StorageClass.NVME) {
                    continue;
                }
                for (String address : tier.bdevList()) {
                    if (excluded.contains(PciAddress.canonical(address))) {
                        root.problem("bdev_exclude", ConfigFaultCodes.BDEV_EXCLUDE_CLASH,
                                "'bdev_exclude' list includes " + address + ", used in engine " + engine.index()
                                        + " bdev_list",
                                "remove " + address + " from either bdev_exclude or the engine's bdev_list");
                    }
                }
            }
        }
    }

    private static PluginsConfig readPlugins(Block block) {
        block.checkKeys(ConfigSchema.PLUGINS);
        String dir = block.string("dir", "plugins");
        if (dir.isBlank()) {
            block.problem("dir", BAD_CONFIG, "plugins.dir is empty",
                    "set a directory, relative to the installation or absolute; default 'plugins'");
        }
        List<String> enabled = block.strings("enabled");
        List<String> disabled = block.strings("disabled");
        List<String> mandatory = block.strings("mandatory");
        for (String id : enabled) {
            if (disabled.contains(id)) {
                block.problem("disabled", BAD_CONFIG, "plugin \"" + id + "\" is both enabled and disabled",
                        "remove \"" + id + "\" from one of plugins.enabled and plugins.disabled");
            }
        }
        for (String id : mandatory) {
            if (disabled.contains(id)) {
                block.problem("mandatory", BAD_CONFIG, "plugin \"" + id + "\" is mandatory but disabled",
                        "remove \"" + id + "\" from plugins.disabled or from plugins.mandatory");
            } else if (!enabled.isEmpty() && !enabled.contains(id)) {
                block.problem("mandatory", BAD_CONFIG, "plugin \"" + id + "\" is mandatory but not in plugins.enabled",
                        "add \"" + id + "\" to plugins.enabled");
            }
        }
        return new PluginsConfig(dir, enabled, disabled, mandatory);
    }

    private static void checkModules(Block modules) {
        for (String name : modules.keys()) {
            Block module = modules.block(name);
            module.bool("enabled", true);
        }
    }

    private static void checkPluginBlocks(Block plugins) {
        for (String id : plugins.keys()) {
            plugins.block(id);
        }
    }

    /** Checks across engines: what must be unique and what must be equal. */
    static final class MultiEngineRules {
        private MultiEngineRules() {
        }

        static void check(List<Block> blocks, List<EngineConfig> engines) {
            Map<String, Integer> fabrics = new HashMap<>();
            Map<String, Integer> logFiles = new HashMap<>();
            Map<String, Integer> mounts = new HashMap<>();
            Map<String, Integer> scmDevices = new HashMap<>();
            Map<String, Integer> bdevs = new HashMap<>();
            EngineConfig first = engines.get(0);
            for (EngineConfig engine : engines) {
                int idx = engine.index();
                Block block = blocks.get(idx);
                Integer seen = fabrics.putIfAbsent(
                        engine.provider() + "|" + engine.fabricIface() + "|" + engine.fabricIfacePort(), idx);
                if (seen != null) {
                    block.problem("fabric_iface_port", ConfigFaultCodes.DUPLICATE_FABRIC,
                            "the fabric configuration in I/O Engine " + idx + " is a duplicate of I/O Engine " + seen,
                            "give each engine a unique combination of provider, fabric_iface and fabric_iface_port");
                }
                if (!engine.logFile().isEmpty()) {
                    unique(block, "log_file", ConfigFaultCodes.DUPLICATE_LOG_FILE, logFiles, engine.logFile(), idx);
                }
                StorageTier scm = engine.storage().stream().filter(StorageTier::isScm).findFirst().orElse(null);
                if (scm != null) {
                    if (!scm.scmMount().isEmpty()) {
                        unique(block, "storage", ConfigFaultCodes.DUPLICATE_SCM_MOUNT, "scm_mount", mounts,
                                scm.scmMount(), idx);
                    }
                    for (String device : scm.scmList()) {
                        unique(block, "storage", ConfigFaultCodes.DUPLICATE_SCM_DEVICE_LIST, "scm_list",
                                scmDevices, device, idx);
                    }
                    StorageTier firstScm = first.storage().stream().filter(StorageTier::isScm).findFirst()
                            .orElse(null);
                    if (firstScm != null && idx > 0) {
                        if (firstScm.storageClass() != scm.storageClass()) {
                            block.problem("storage", ConfigFaultCodes.SCM_DIFF_CLASS,
                                    "the SCM class in engine " + idx + " is different from engine 0",
                                    "give each engine a single SCM tier of the same class");
                        } else if (firstScm.scmHugepagesDisabled() != scm.scmHugepagesDisabled()) {
                            block.problem("storage", ConfigFaultCodes.SCM_HUGEPAGES_DIFFER,
                                    "the scm_hugepages_disabled in engine " + idx + " is different from engine 0",
                                    "use the same scm_hugepages_disabled setting in every engine");
                        }
                    }
                }
                for (StorageTier tier : engine.bdevTiers()) {
                    for (String device : tier.bdevList()) {
                        String canonical = PciAddress.looksLikePci(device) ? PciAddress.canonical(device) : device;
                        Integer other = bdevs.putIfAbsent(canonical, idx);
                        if (other != null && other != idx) {
                            block.problem("storage", ConfigFaultCodes.OVERLAPPING_BDEV_DEVICE_LIST,
                                    "the bdev_list value " + device + " in engine " + idx
                                            + " overlaps with entries in engine " + other,
                                    "give each engine a unique set of bdev_list entries");
                        }
                    }
                }
                if (idx > 0 && engine.targets() != first.targets()) {
                    block.problem("targets", ConfigFaultCodes.TARGET_COUNT_MISMATCH,
                            "the target count is not equal across engines, engine " + idx + " has "
                                    + engine.targets() + " but engine 0 has " + first.targets(),
                            "give every engine the same 'targets' value");
                }
                if (idx > 0 && engine.nrXsHelpers() != first.nrXsHelpers()) {
                    block.problem("nr_xs_helpers", ConfigFaultCodes.HELPER_STREAM_COUNT_MISMATCH,
                            "the helper stream count is not equal across engines, engine " + idx + " has "
                                    + engine.nrXsHelpers() + " but engine 0 has " + first.nrXsHelpers(),
                            "give every engine the same 'nr_xs_helpers' value");
                }
            }
        }

        private static void unique(Block block, String key, int code, Map<String, Integer> seen, String value,
                                   int idx) {
            unique(block, key, code, key, seen, value, idx);
        }

        private static void unique(Block block, String key, int code, String name, Map<String, Integer> seen,
                                   String value, int idx) {
            Integer other = seen.putIfAbsent(value, idx);
            if (other != null && !Objects.equals(other, idx)) {
                block.problem(key, code, "the " + name + " value " + value + " in I/O Engine " + idx
                                + " is a duplicate of I/O Engine " + other,
                        "give each I/O Engine a unique " + name + " value");
            }
        }
    }
}
