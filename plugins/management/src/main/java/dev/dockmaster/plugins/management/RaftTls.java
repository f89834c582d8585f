package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.grpc.PeerTls;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;

import java.util.Optional;

/**
 * How a replica's raft traffic is protected: mutual TLS with this server's certificate when the system is secure,
 * plaintext only when it runs with {@code allow_insecure}, as DAOS protects its raft transport with the server
 * certificate.
 *
 * <p>Ratis brings its own shaded gRPC and netty, so grpc-java's credentials do not fit; it takes JSSE key and trust
 * managers ({@link PeerTls}, from the security module). That also settles DAOS's PKCS#1 keys ("BEGIN RSA PRIVATE
 * KEY", what DAOS's {@code gen_certificates} writes with OpenSSL 1.1): Ratis's file-based TLS reads keys with netty's
 * PEM reader, which knows only PKCS#8, while the key manager holds a key the security module already parsed. The same
 * configuration serves the three Ratis ports (server, client, admin; here all one port) and the replica's outgoing
 * connections, and it always requires the other side's certificate: a peer without one signed by the CA, or a
 * plaintext one, cannot join or append.
 *
 * @param identity this server's certificate and the checks for its peers; empty for plaintext
 */
record RaftTls(Optional<PeerTls> identity) {
    static final RaftTls PLAINTEXT = new RaftTls(Optional.empty());

    static RaftTls of(PeerTls identity) {
        return new RaftTls(Optional.of(identity));
    }

    boolean secure() {
        return identity.isPresent();
    }

    /** The Ratis parameters to build the server with: the TLS configuration, or none for plaintext. */
    Parameters parameters() {
        Parameters parameters = new Parameters();
        identity.ifPresent(tls -> {
            GrpcTlsConfig config = new GrpcTlsConfig(tls.keyManager(), tls.trustManager(), true);
            GrpcConfigKeys.TLS.setConf(parameters, config);
            GrpcConfigKeys.Server.setTlsConf(parameters, config);
            GrpcConfigKeys.Client.setTlsConf(parameters, config);
            GrpcConfigKeys.Admin.setTlsConf(parameters, config);
        });
        return parameters;
    }

    @Override
    public String toString() {
        return secure() ? "mutual TLS" : "plaintext";
    }
}
