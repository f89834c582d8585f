package dev.dockmaster.core.config;

import java.util.Objects;

/**
 * {@code transport_config}: how the control plane secures gRPC. Defaults are DAOS's certificate locations under
 * {@code /etc/daos/certs} with TLS required.
 *
 * @param allowInsecure {@code allow_insecure}: serve plaintext gRPC without certificates
 * @param clientCertDir {@code client_cert_dir}: directory of client (agent, admin) certificates
 * @param caCert        {@code ca_cert}: the CA certificate every peer's certificate must verify against
 * @param cert          {@code cert}: this server's certificate
 * @param key           {@code key}: this server's private key (permissions 0400 or stricter)
 */
public record TransportConfig(boolean allowInsecure, String clientCertDir, String caCert, String cert, String key) {

    public TransportConfig {
        Objects.requireNonNull(clientCertDir, "clientCertDir");
        Objects.requireNonNull(caCert, "caCert");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }
}
