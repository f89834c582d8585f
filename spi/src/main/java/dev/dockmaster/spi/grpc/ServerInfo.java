package dev.dockmaster.spi.grpc;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
 * @param accessPoints the management service replicas ({@code access_points}) as {@code host:port}, the port
 *                     filled in from {@code port} where the config gives none; the first is the bootstrap replica
 * @param controlMetadataPath {@code control_metadata.path}: where the control plane keeps its own data (the raft
 *                            log); empty when unset, and the data then lives on engine 0's SCM mount
 */
public record ServerInfo(String systemName, String daosVersion, String hostname, int controlPort,
                         List<String> fabricProviders, int engineCount, int telemetryPort,
                         List<String> accessPoints, Optional<Path> controlMetadataPath) {
    public ServerInfo {
        Objects.requireNonNull(systemName, "systemName");
        Objects.requireNonNull(daosVersion, "daosVersion");
        Objects.requireNonNull(hostname, "hostname");
        fabricProviders = List.copyOf(fabricProviders);
        accessPoints = List.copyOf(accessPoints);
        Objects.requireNonNull(controlMetadataPath, "controlMetadataPath");
    }

    /** A server whose only access point is itself on localhost, with no control metadata path (tests, tools). */
    public ServerInfo(String systemName, String daosVersion, String hostname, int controlPort,
                      List<String> fabricProviders, int engineCount, int telemetryPort) {
        this(systemName, daosVersion, hostname, controlPort, fabricProviders, engineCount, telemetryPort,
                List.of("localhost:" + controlPort), Optional.empty());
    }
}
