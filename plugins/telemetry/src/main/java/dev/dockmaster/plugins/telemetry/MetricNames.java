package dev.dockmaster.plugins.telemetry;

/**
 * Meter names as registered (dotted, Micrometer style). The Prometheus registry turns dots into underscores and adds
 * the unit and {@code _total} suffixes: {@code dockmaster.grpc.server.handled} is exported as
 * {@code dockmaster_grpc_server_handled_total}. docs/telemetry.md lists the exported names.
 */
final class MetricNames {
    static final String PREFIX = "dockmaster.";

    static final String GRPC_STARTED = PREFIX + "grpc.server.started";
    static final String GRPC_HANDLED = PREFIX + "grpc.server.handled";
    static final String GRPC_HANDLING = PREFIX + "grpc.server.handling";
    static final String PLUGIN_STATUS = PREFIX + "plugin.status";
    static final String MODULE_ENABLED = PREFIX + "module.enabled";
    static final String SERVER_INFO = PREFIX + "server.info";
    static final String ENGINE_STATE = PREFIX + "engine.state";
    static final String ENGINE_TRANSITIONS = PREFIX + "engine.state.transitions";
    /** The engines' own metrics keep DAOS's names ({@code engine_*}), without the prefix. */
    static final String ENGINE_OWN = "engine.";

    static final String TAG_SERVICE = "grpc_service";
    static final String TAG_METHOD = "grpc_method";
    static final String TAG_TYPE = "grpc_type";
    static final String TAG_CODE = "grpc_code";

    private MetricNames() {
    }
}
