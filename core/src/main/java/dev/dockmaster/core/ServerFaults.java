package dev.dockmaster.core;

import dev.dockmaster.spi.Fault;

/**
 * Faults the server itself raises. DAOS's codes are positional in its own list and we do not reuse them for other
 * meanings; faults that DAOS has no code for live in Dockmaster's own range, 2000 and up.
 */
public final class ServerFaults {
    public static final String DOMAIN = "server";
    public static final String PLUGIN_DOMAIN = "plugin";

    public static final int MANDATORY_PLUGIN_UNAVAILABLE = 2001;
    public static final int INTERCEPTOR_ORDER_CONFLICT = 2002;
    public static final int DUPLICATE_SERVICE = 2003;
    public static final int CONTROL_PORT_UNAVAILABLE = 2004;
    public static final int MODULE_FAILED = 2005;
    public static final int DUPLICATE_CREDENTIALS = 2006;
    public static final int NO_TRANSPORT_SECURITY = 2007;
    public static final int NO_PEER_CREDENTIALS = 2008;
    public static final int DUPLICATE_METRICS_EXPORTER = 2009;

    private ServerFaults() {
    }

    public static Fault mandatoryPlugin(String id, String why) {
        return new Fault(PLUGIN_DOMAIN, MANDATORY_PLUGIN_UNAVAILABLE,
                "mandatory plugin " + id + " is not available: " + why,
                "install the plugin in the plugins directory and enable it, or remove it from plugins.mandatory");
    }

    public static Fault interceptorOrderConflict(int order, String first, String second) {
        return new Fault(PLUGIN_DOMAIN, INTERCEPTOR_ORDER_CONFLICT,
                "interceptors " + first + " and " + second + " both declare order " + order,
                "disable one of the modules (modules.<name>.enabled = false) or ask their vendors for distinct orders");
    }

    public static Fault duplicateService(String service, String first, String second) {
        return new Fault(PLUGIN_DOMAIN, DUPLICATE_SERVICE,
                "gRPC service " + service + " is provided by both module " + first + " and module " + second,
                "disable one of the two modules (modules.<name>.enabled = false)");
    }

    public static Fault controlPortUnavailable(int port, Throwable cause) {
        return new Fault(DOMAIN, CONTROL_PORT_UNAVAILABLE,
                "cannot listen on control port " + port + ": " + cause.getMessage(),
                "stop the process using the port (another daos_server?) or choose another with `port` in the"
                        + " config or `daos_server start -p PORT`", cause);
    }

    public static Fault moduleFailed(String module, String pluginId, Throwable cause) {
        return new Fault(PLUGIN_DOMAIN, MODULE_FAILED,
                "module " + module + " of plugin " + pluginId + " failed to start: " + cause.getMessage(),
                "check the module's configuration block modules." + module + ", or disable it", cause);
    }

    public static Fault duplicateCredentials(String first, String second) {
        return new Fault(PLUGIN_DOMAIN, DUPLICATE_CREDENTIALS,
                "modules " + first + " and " + second + " both supply the transport credentials of the gRPC port",
                "keep one transport security module: disable the other (modules.<name>.enabled = false)");
    }

    public static Fault noTransportSecurity() {
        return new Fault(DOMAIN, NO_TRANSPORT_SECURITY,
                "transport_config.allow_insecure is false, but no module secures the gRPC port with TLS",
                "install and enable the security plugin (plugins/security, module security) with the certificates"
                        + " of transport_config, or set transport_config.allow_insecure: true for a plaintext test"
                        + " setup");
    }

    public static Fault noPeerCredentials() {
        return new Fault(DOMAIN, NO_PEER_CREDENTIALS,
                "the gRPC port runs TLS, but no module supplies credentials for calls to other servers",
                "enable the security plugin (module security), which presents the server certificate of"
                        + " transport_config to other servers");
    }

    public static Fault duplicateMetricsExporter(String first, String second) {
        return new Fault(PLUGIN_DOMAIN, DUPLICATE_METRICS_EXPORTER,
                "modules " + first + " and " + second + " both export the control plane's metrics",
                "keep one metrics exporter: disable the other (modules.<name>.enabled = false)");
    }
}
