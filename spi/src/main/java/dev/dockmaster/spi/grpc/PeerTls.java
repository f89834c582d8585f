package dev.dockmaster.spi.grpc;

import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import java.util.Objects;

/**
 * This server's TLS identity for server-to-server transports that cannot take grpc-java's
 * {@link io.grpc.ChannelCredentials}, such as a library with its own shaded gRPC and netty (Ratis, for the
 * management service's raft traffic). Plain JSSE types, so that any TLS stack can be built from them: the key
 * manager presents the server certificate (in both directions, since server-to-server TLS is mutual), the trust
 * manager accepts exactly the peers the gRPC port accepts (the CA of {@code transport_config}, DAOS's checks of
 * common name and key usage).
 *
 * @param keyManager   presents this server's certificate chain and private key
 * @param trustManager verifies the other server's certificate, as a client and as a server
 */
public record PeerTls(X509KeyManager keyManager, X509TrustManager trustManager) {
    public PeerTls {
        Objects.requireNonNull(keyManager, "keyManager");
        Objects.requireNonNull(trustManager, "trustManager");
    }
}
