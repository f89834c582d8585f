package dev.dockmaster.core.config;

import java.util.Set;

/**
 * The keys each block of daos_server.yml may hold: DAOS 2.6's keys (its YAML struct tags, including the fabric
 * keys that DAOS inlines both at top level and in engines) plus Dockmaster's extension blocks.
 */
final class ConfigSchema {
    private ConfigSchema() {
    }

    /** Fabric keys, valid at top level (inherited by engines) and in each engine. */
    static final Set<String> FABRIC = Set.of(
            "provider", "fabric_iface", "fabric_iface_port", "bypass_health_chk", "crt_timeout",
            "secondary_provider_endpoints", "disable_srx", "fabric_auth_key");

    static final Set<String> DOCKMASTER_BLOCKS = Set.of("plugins", "modules", "plugin", "engine_binary");

    static final Set<String> TOP_LEVEL = union(FABRIC, DOCKMASTER_BLOCKS, Set.of(
            "name", "port", "access_points", "transport_config", "socket_dir", "telemetry_port",
            "control_log_mask", "control_log_file", "control_log_json", "helper_log_file",
            "firmware_helper_log_file", "fault_path", "fault_cb", "nr_hugepages", "disable_hugepages", "allow_thp",
            "system_ram_reserved", "control_metadata", "bdev_exclude", "disable_vfio", "disable_vmd",
            "enable_hotplug", "hyperthreads", "core_dump_filter", "client_env_vars", "engines"));

    static final Set<String> TRANSPORT = Set.of("allow_insecure", "client_cert_dir", "ca_cert", "cert", "key");

    static final Set<String> CONTROL_METADATA = Set.of("path", "device");

    static final Set<String> ENGINE = union(FABRIC, Set.of(
            "targets", "nr_xs_helpers", "first_core", "pinned_numa_node", "modules", "log_mask", "log_file",
            "env_vars", "env_pass_through", "storage", "acceleration", "spdk_rpc_server", "bdev_auto_faulty"));

    static final Set<String> SCM_TIER_KEYS = Set.of("scm_mount", "scm_size", "scm_hugepages_disabled", "scm_list");

    static final Set<String> BDEV_TIER_KEYS = Set.of(
            "bdev_list", "bdev_number", "bdev_size", "bdev_busid_range", "bdev_roles");

    static final Set<String> TIER = union(SCM_TIER_KEYS, BDEV_TIER_KEYS, Set.of("class"));

    static final Set<String> ACCELERATION = Set.of("engine", "options");
    static final Set<String> SPDK_RPC_SERVER = Set.of("enable", "sock_addr");
    static final Set<String> BDEV_AUTO_FAULTY = Set.of("enable", "max_io_errs", "max_csum_errs");

    static final Set<String> PLUGINS = Set.of("dir", "enabled", "disabled", "mandatory");

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
