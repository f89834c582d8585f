package dev.dockmaster.spi.grpc;

import java.util.List;
import java.util.Objects;

/**
 * Facts about the running server.
 *
 * @param systemName the DAOS system name ({@code name} in the config)
 * @param daosVersion the DAOS release whose wire protocol the server speaks, such as {@code 2.6.5}
 * @param hostname this host's name
 * @param controlPort the gRPC port
 * @param fabricProviders the configured fabric providers ({@code provider}); empty when none is configured
 * @param engineCount the number of configured engines
 * @param telemetryPort the Prometheus exporter port ({@code telemetry_port}); 0 when telemetry is off
 */
public record ServerInfo(String systemName, String daosVersion, String hostname, int controlPort,
                         List<String> fabricProviders, int engineCount, int telemetryPort) {
    public ServerInfo {
        Objects.requireNonNull(systemName, "systemName");
        Objects.requireNonNull(daosVersion, "daosVersion");
        Objects.requireNonNull(hostname, "hostname");
        fabricProviders = List.copyOf(fabricProviders);
    }
}
