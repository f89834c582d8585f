package dev.dockmaster.core.grpc;

/**
 * A module the server knows of, whether or not it runs.
 *
 * @param name module name
 * @param pluginId contributing plugin
 * @param enabled whether it runs ({@code modules.<name>.enabled} and its creation succeeded)
 * @param services full gRPC service names it serves (empty when not enabled)
 */
public record ModuleStatus(String name, String pluginId, boolean enabled, java.util.List<String> services) {
    public ModuleStatus {
        services = java.util.List.copyOf(services);
    }
}
