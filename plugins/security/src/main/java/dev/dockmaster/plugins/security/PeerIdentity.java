package dev.dockmaster.plugins.security;

import dev.dockmaster.client.security.CommonNames;
import io.grpc.Grpc;
import io.grpc.ServerCall;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The component of the peer of a call, from the certificate it presented in the TLS handshake (which the server has
 * verified against the CA before any call arrives). Parsed once per TLS session and kept in the session.
 */
final class PeerIdentity {
    private static final String SESSION_KEY = "dev.dockmaster.security.component";

    private PeerIdentity() {
    }

    /** Empty when the call did not come over TLS (insecure mode). */
    static Optional<Component> of(ServerCall<?, ?> call) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return Optional.empty();
        }
        Object cached = session.getValue(SESSION_KEY);
        if (cached instanceof Component c) {
            return Optional.of(c);
        }
        Component component = fromSession(session);
        session.putValue(SESSION_KEY, component);
        return Optional.of(component);
    }

    private static Component fromSession(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Component.UNDEFINED;
            }
            return Component.fromCommonName(CommonNames.of(leaf));
        } catch (SSLPeerUnverifiedException e) {
            return Component.UNDEFINED;
        }
    }
}
