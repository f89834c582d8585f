package dev.dockmaster.core.config;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import static dev.dockmaster.core.config.ConfigFaultCodes.BAD_CONFIG;

/** Reads and checks one {@code engines[i]} entry, filling fabric settings it does not give from the top level. */
final class EngineReader {
    private EngineReader() {
    }

    /** Top-level values an engine inherits when it does not set its own. */
    record Inherited(String provider, String fabricIface, int fabricIfacePort, int crtTimeout,
                     ControlMetadata controlMetadata) {
    }

    private static final List<String> ACCEL_ENGINES = List.of("spdk", "dml");
    private static final List<String> ACCEL_OPTIONS = List.of("move", "crc");

    static EngineConfig read(Block engine, int index, Inherited top) {
        engine.checkKeys(ConfigSchema.ENGINE);

        int targets = engine.integer("targets", 0);
        if (targets < 0) {
            engine.problem("targets", BAD_CONFIG, "target count must not be negative",
                    "set 'targets' to the number of I/O service threads, e.g. 16");
        } else if (targets == 0) {
            engine.problem("targets", BAD_CONFIG, "target count must be nonzero",
                    "set 'targets' to the number of I/O service threads, e.g. 16");
        }
        int helpers = engine.integer("nr_xs_helpers", 0);
        if (helpers < 0) {
            engine.problem("nr_xs_helpers", BAD_CONFIG, "helper stream count must not be negative",
                    "set 'nr_xs_helpers' to 0 or more (about a quarter of 'targets' with EC)");
        }
        OptionalInt firstCore = nonNegative(engine, "first_core");
        OptionalInt pinnedNuma = nonNegative(engine, "pinned_numa_node");
        if (firstCore.isPresent() && pinnedNuma.isPresent() && firstCore.getAsInt() != 0) {
            engine.problem("first_core", BAD_CONFIG, "cannot specify both pinned_numa_node and first_core",
                    "keep either 'pinned_numa_node' or 'first_core' in this engine");
        }

        String provider = engine.string("provider", top.provider()).trim();
        String iface = engine.string("fabric_iface", top.fabricIface()).trim();
        int ifacePort = engine.integer("fabric_iface_port", top.fabricIfacePort());
        checkFabric(engine, provider, iface, ifacePort);
        for (String count : engine.strings("secondary_provider_endpoints")) {
            if (!isPositiveInt(count)) {
                engine.problem("secondary_provider_endpoints", BAD_CONFIG,
                        "all values in secondary_provider_endpoints must be > 0, found \"" + count + "\"",
                        "give one positive endpoint count per secondary provider");
            }
        }
        boolean bypassHealthChk = engine.bool("bypass_health_chk", false);
        int crtTimeout = engine.integer("crt_timeout", top.crtTimeout());
        if (crtTimeout < 0) {
            engine.problem("crt_timeout", BAD_CONFIG, "crt_timeout must not be negative", "give seconds, e.g. 30");
        }
        engine.bool("disable_srx", false);
        engine.string("fabric_auth_key", "");
        engine.string("modules", "");

        String logMask = engine.string("log_mask", "");
        EngineLogMask.check(logMask).ifPresent(problem -> engine.problem("log_mask", BAD_CONFIG, problem,
                "use a level such as ERR or INFO, optionally followed by SUBSYSTEM=LEVEL, e.g. ERR,mgmt=DEBUG"));
        String logFile = engine.string("log_file", "");

        List<String> envVars = engine.strings("env_vars");
        ServerConfigValidator.checkKeyValues(engine, "env_vars", envVars);
        List<String> passThrough = engine.strings("env_pass_through");

        checkAcceleration(engine.block("acceleration"));
        Block rpc = engine.block("spdk_rpc_server");
        rpc.checkKeys(ConfigSchema.SPDK_RPC_SERVER);
        rpc.bool("enable", false);
        rpc.string("sock_addr", "");
        Block autoFaulty = engine.block("bdev_auto_faulty");
        autoFaulty.checkKeys(ConfigSchema.BDEV_AUTO_FAULTY);
        autoFaulty.bool("enable", true);
        for (String key : List.of("max_io_errs", "max_csum_errs")) {
            Long value = autoFaulty.wholeNumber(key);
            if (value != null && (value < 0 || value > 0xFFFF_FFFFL)) {
                autoFaulty.problem(key, BAD_CONFIG, key + " must be between 0 and 4294967295",
                        "give an error count");
            }
        }

        List<StorageTier> storage = StorageTierRules.read(engine, top.controlMetadata());
        return new EngineConfig(index, targets, helpers, firstCore, pinnedNuma, provider, iface, ifacePort,
                bypassHealthChk, crtTimeout, logFile, logMask, envVars, passThrough, storage);
    }

    private static OptionalInt nonNegative(Block engine, String key) {
        OptionalInt value = engine.optionalInt(key);
        if (value.isPresent() && value.getAsInt() < 0) {
            engine.problem(key, BAD_CONFIG, key + " must not be negative", "give a core or NUMA node index ≥ 0");
            return OptionalInt.empty();
        }
        return value;
    }

    private static void checkFabric(Block engine, String provider, String iface, int port) {
        List<String> providers = ServerConfigValidator.splitList(provider);
        List<String> ifaces = ServerConfigValidator.splitList(iface);
        // a missing provider is reported once, at top level (fault 707), as DAOS does
        if (ifaces.isEmpty()) {
            engine.problem("fabric_iface", BAD_CONFIG, "fabric_iface not set",
                    "set 'fabric_iface' to the engine's network interface (see 'daos_server network scan')");
        }
        if (port < 0 || port > 65535) {
            engine.problem("fabric_iface_port", BAD_CONFIG, "fabric_iface_port must be between 1 and 65535",
                    "choose a free port, different for each engine on the same interface, e.g. 31416");
        } else if (port == 0) {
            engine.problem("fabric_iface_port", BAD_CONFIG, "fabric_iface_port not set",
                    "set 'fabric_iface_port', different for each engine on the same interface, e.g. 31416");
        }
        if (!providers.isEmpty() && !ifaces.isEmpty() && providers.size() != ifaces.size()) {
            engine.problem("fabric_iface", BAD_CONFIG,
                    "provider, fabric_iface and fabric_iface_port must include the same number of items delimited"
                            + " by \",\" (" + providers.size() + " providers, " + ifaces.size() + " interfaces)",
                    "give one interface per provider");
        }
    }

    private static void checkAcceleration(Block acceleration) {
        acceleration.checkKeys(ConfigSchema.ACCELERATION);
        String accelEngine = acceleration.string("engine", "");
        if (!accelEngine.isEmpty() && !ACCEL_ENGINES.contains(accelEngine.toLowerCase(Locale.ROOT))) {
            acceleration.problem("engine", ConfigFaultCodes.BDEV_ACCEL_ENGINE_UNKNOWN,
                    "unknown acceleration engine setting \"" + accelEngine + "\"",
                    "supported settings are " + ACCEL_ENGINES + ", or remove 'acceleration'");
        }
        for (String option : acceleration.strings("options")) {
            if (!ACCEL_OPTIONS.contains(option.toLowerCase(Locale.ROOT))) {
                acceleration.problem("options", ConfigFaultCodes.BDEV_CONFIG_OPT_FLAG_UNKNOWN,
                        "unknown option flag given: \"" + option + "\"", "supported options are " + ACCEL_OPTIONS);
            }
        }
    }

    private static boolean isPositiveInt(String text) {
        try {
            return Integer.parseInt(text.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
