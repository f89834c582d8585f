package dev.dockmaster.client;

/**
 * The {@code transport_config} section of {@code daos_control.yml}: whether to talk plaintext, and the certificates
 * an admin presents when it does not.
 */
public record TransportConfig(boolean allowInsecure, String caCert, String cert, String key) {
    public static final String DEFAULT_CA_CERT = "/etc/daos/certs/daosCA.crt";
    public static final String DEFAULT_CERT = "/etc/daos/certs/admin.crt";
    public static final String DEFAULT_KEY = "/etc/daos/certs/admin.key";

    public static TransportConfig defaults() {
        return new TransportConfig(false, DEFAULT_CA_CERT, DEFAULT_CERT, DEFAULT_KEY);
    }

    /**
     * What a server uses to call another server (fan-out, joins): its own {@code transport_config}, presenting the
     * server certificate (CN {@code server}, EKU clientAuth), with {@link Component#SERVER}.
     */
    public static TransportConfig ofServer(dev.dockmaster.spi.grpc.TransportInfo server) {
        return new TransportConfig(server.allowInsecure(), server.caCert().toString(), server.cert().toString(),
                server.key().toString());
    }

    public TransportConfig withAllowInsecure(boolean insecure) {
        return new TransportConfig(insecure, caCert, cert, key);
    }
}
