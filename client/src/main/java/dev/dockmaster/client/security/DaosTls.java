package dev.dockmaster.client.security;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.SSLException;
import java.util.List;

/**
 * The TLS contexts of the control plane: mutual TLS with DAOS's certificate layout.
 *
 * <p>Protocol and ciphers. DAOS 2.6 pins TLS 1.2 and the single suite {@code TLS_RSA_WITH_AES_256_GCM_SHA384}, which
 * has no forward secrecy (RSA key transport) and is on HTTP/2's list of suites not to use. Dockmaster offers TLS 1.3
 * first (what two Dockmaster peers negotiate), then TLS 1.2 with ECDHE-GCM suites, and keeps DAOS's suite last so that
 * a DAOS 2.6 Go {@code dmg}, {@code daos_agent} or {@code daos_server} (which offer only that suite) can still talk to
 * a Dockmaster server and back. Suites the running TLS provider does not support are dropped silently rather than
 * failing start-up (newer JDKs disable the TLS_RSA suites; then only DAOS interoperability is lost).
 */
public final class DaosTls {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    public static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384");

    private DaosTls() {
    }

    /** The server's context: requires a client certificate that verifies against the CA (clientAuth usage). */
    public static SslContext server(TlsMaterial material) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(material.key(),
                            material.chain().toArray(java.security.cert.X509Certificate[]::new)))
                    .clientAuth(ClientAuth.REQUIRE)
                    .trustManager(PeerVerifier.forCa(material.caCerts()))
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw SecurityFaults.invalid("cannot build the server TLS context: " + e.getMessage());
        }
    }

    /** A client's context (dmg, agent, or a server calling another): presents its certificate, wants CN server. */
    public static SslContext client(TlsMaterial material) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forClient()
                            .keyManager(material.key(),
                                    material.chain().toArray(java.security.cert.X509Certificate[]::new)))
                    .trustManager(PeerVerifier.forCa(material.caCerts()))
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw SecurityFaults.invalid("cannot build the client TLS context: " + e.getMessage());
        }
    }

    /**
     * A JSSE key manager presenting {@code material}'s certificate chain and key, for TLS stacks that take key managers
     * rather than PEM files (Ratis's shaded netty): the key is already parsed, so a PKCS#1 file is no problem there.
     */
    public static javax.net.ssl.X509KeyManager keyManager(TlsMaterial material) {
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("identity", material.key(), password,
                    material.chain().toArray(java.security.cert.X509Certificate[]::new));
            javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            for (javax.net.ssl.KeyManager km : factory.getKeyManagers()) {
                if (km instanceof javax.net.ssl.X509KeyManager x509) {
                    return x509;
                }
            }
            throw SecurityFaults.invalid("this JDK offers no X.509 key manager");
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw SecurityFaults.invalid("cannot build a key manager from the certificate and key: " + e.getMessage());
        }
    }
}
