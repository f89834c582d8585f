package dev.dockmaster.client.security;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Verifies the other side of a control-plane TLS connection as DAOS does ({@code security/grpc_cert_configs.go}):
 * the peer's chain must verify against the CA with PKIX; a client certificate must allow client authentication
 * (extended key usage clientAuth, or no EKU at all); a server certificate's common name must be {@code server}. Host
 * names are deliberately not checked: DAOS certificates carry no host names, one server certificate serves every
 * host, and the CN check is what tells a DAOS server from any other holder of a CA-signed certificate.
 */
public final class PeerVerifier extends X509ExtendedTrustManager {
    public static final String SERVER_COMMON_NAME = "server";
    private static final String CLIENT_AUTH_EKU = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EKU = "2.5.29.37.0";

    private final X509TrustManager pkix;
    private final X509Certificate[] issuers;

    private PeerVerifier(List<X509Certificate> caCerts) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < caCerts.size(); i++) {
                store.setCertificateEntry("ca-" + i, caCerts.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            X509TrustManager found = null;
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    found = x;
                }
            }
            if (found == null) {
                throw new IllegalStateException("no X.509 trust manager in this JDK");
            }
            this.pkix = found;
            this.issuers = caCerts.toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw SecurityFaults.invalid("cannot build a trust store from the CA certificate: " + e.getMessage());
        }
    }

    public static PeerVerifier forCa(List<X509Certificate> caCerts) {
        return new PeerVerifier(caCerts);
    }

    // ---- server side: checking a client ----

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        if (!allowsClientAuth(chain[0])) {
            throw new CertificateException("client certificate " + chain[0].getSubjectX500Principal()
                    + " does not allow client authentication (extended key usage clientAuth)");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    // ---- client side: checking a server ----

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        String cn = CommonNames.of(chain[0]);
        if (!SERVER_COMMON_NAME.equals(cn)) {
            throw new CertificateException("server certificate does not identify as a DAOS server (CN is \""
                    + cn + "\", expected \"" + SERVER_COMMON_NAME + "\")");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    /** Ignores the engine's endpoint identification (host name check) on purpose; see the class comment. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return issuers.clone();
    }

    static boolean allowsClientAuth(X509Certificate certificate) throws CertificateException {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages == null || usages.contains(CLIENT_AUTH_EKU) || usages.contains(ANY_EKU);
        } catch (CertificateParsingException e) {
            throw new CertificateException("unreadable extended key usage: " + e.getMessage(), e);
        }
    }
}
