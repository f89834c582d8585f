package dev.dockmaster.core.config;

import com.typesafe.config.Config;
import dev.dockmaster.spi.config.ConfigView;

import java.util.List;
import java.util.Set;

/**
 * The validated server configuration: DAOS 2.6's {@code daos_server.yml} keys with DAOS's defaults, plus
 * Dockmaster's {@code plugins}, {@code modules} and {@code plugin} blocks. Obtained from {@link ServerConfigLoader};
 * every value has been checked, so accessors never fail.
 */
public interface ServerConfig {

    // --- DAOS top level -----------------------------------------------------------------------------------------

    /** {@code name}: the system name, 1..15 characters; default {@code daos_server}. */
    String systemName();

    /** {@code port}: the gRPC control port; default 10001. */
    int port();

    /** {@code access_points}: MS replica addresses as {@code host:port} (the port added when not written). */
    List<String> accessPoints();

    TransportConfig transport();

    /** {@code socket_dir}: where the dRPC unix sockets live. */
    String socketDir();

    /** {@code telemetry_port}: Prometheus exporter port; 0 = disabled. */
    int telemetryPort();

    /** {@code control_log_mask}: DISABLED, TRACE, DEBUG, INFO, NOTICE or ERROR (upper case); default INFO. */
    String controlLogMask();

    /** {@code control_log_file}: empty = standard error. */
    String controlLogFile();

    boolean controlLogJson();

    /** {@code helper_log_file}: empty = helper logging disabled. */
    String helperLogFile();

    String firmwareHelperLogFile();

    /** {@code provider}, split on commas; empty when not set (allowed only without engines). */
    List<String> fabricProviders();

    /** The top-level {@code provider} as written ({@code ""} when not set). */
    default String provider() {
        return String.join(",", fabricProviders());
    }

    /** {@code fabric_iface} at top level (inherited by engines that do not set one); empty when not set. */
    String fabricIface();

    /** {@code fabric_iface_port} at top level; 0 when not set. */
    int fabricIfacePort();

    /** {@code crt_timeout} in seconds; 0 = not set. */
    int crtTimeout();

    boolean disableSrx();

    /** {@code fabric_auth_key}; empty when not set. */
    String fabricAuthKey();

    /** {@code client_env_vars}: {@code KEY=VALUE} defaults sent to clients in attach info. */
    List<String> clientEnvVars();

    /** {@code fault_path}, e.g. {@code /rack1/host}; empty = {@code /<hostname>} at start. */
    String faultPath();

    /** {@code fault_cb}: script printing the fault domain; empty when not set. */
    String faultCb();

    /** {@code nr_hugepages}: 0 = computed from targets at start. */
    int nrHugepages();

    boolean disableHugepages();

    boolean allowThp();

    /** {@code system_ram_reserved} in GiB; default 16. */
    int systemRamReserved();

    ControlMetadata controlMetadata();

    /** {@code bdev_exclude}: PCI addresses to leave alone. */
    List<String> bdevExclude();

    boolean disableVfio();

    boolean disableVmd();

    boolean enableHotplug();

    boolean hyperthreads();

    /** {@code core_dump_filter}: bits written to /proc/self/coredump_filter; default 0x13. */
    int coreDumpFilter();

    /** {@code engines}: empty = discovery mode. */
    List<EngineConfig> engines();

    // --- Dockmaster extensions ----------------------------------------------------------------------------------

    PluginsConfig plugins();

    /**
     * {@code engine_binary}: the daos_engine executable the server runs for each engine, absolute or relative to the
     * installation directory; empty = the installation's {@code bin/daos_engine} (the bundled engine simulator).
     */
    String engineBinary();

    /** {@code modules.<name>.enabled}; true when the module has no block or the block does not say. */
    boolean moduleEnabled(String moduleName);

    /** Where the configuration came from: the file's path, or {@code embedded default}. */
    String origin();

    /** The merged configuration (command line over file over core's reference.conf), with origins. */
    Config raw();

    /**
     * The plugin's block {@code plugin.<id>} over the plugin's own reference (its reference.conf, parsed by the
     * caller). Keys of the block that the reference does not define, and values whose type contradicts the
     * reference, are problems.
     */
    ConfigView pluginConfig(String pluginId, Config pluginReference) throws InvalidConfigException;

    /** The block {@code modules.<name>}, empty when absent. */
    ConfigView moduleConfig(String moduleName);

    /**
     * The {@code modules.<name>} block over the module's defaults ({@code modules.<name>} of its plugin's
     * {@code reference.conf}), checked as plugin blocks are: a key the defaults do not declare (other than
     * {@code enabled}) or a value of the wrong kind is a problem naming the key, file and line.
     */
    ConfigView moduleConfig(String moduleName, com.typesafe.config.Config moduleReference)
            throws InvalidConfigException;

    /**
     * Problems for {@code modules.<name>} and {@code plugin.<id>} blocks, and {@code plugins.enabled/disabled/
     * mandatory} entries, that name no known module or plugin; empty when all are known.
     */
    List<ConfigProblem> checkKnownNames(Set<String> moduleNames, Set<String> pluginIds);
}
