package dev.dockmaster.spi.grpc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The server's {@code transport_config}, as parsed and validated by the core, for the module that secures the gRPC
 * port. The core opens plaintext gRPC only when {@link #allowInsecure()} is set; otherwise exactly one module must
 * supply the credentials ({@link GrpcModule#serverCredentials()}) or the server does not start.
 *
 * @param allowInsecure {@code allow_insecure}: plaintext gRPC, no certificates
 * @param caCert        {@code ca_cert}: the CA every peer certificate must verify against
 * @param cert          {@code cert}: this server's certificate
 * @param key           {@code key}: this server's private key
 * @param clientCertDir {@code client_cert_dir}: the directory of client (agent, admin) certificates
 */
public record TransportInfo(boolean allowInsecure, Path caCert, Path cert, Path key, Path clientCertDir) {
    public TransportInfo {
        Objects.requireNonNull(caCert, "caCert");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clientCertDir, "clientCertDir");
    }
}
