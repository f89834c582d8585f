package dev.dockmaster.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Secured systems: engines join over mutual TLS with the server certificate (server-to-server calls), dmg with the
 * admin certificate sees every rank Joined, and the management service's raft runs under mutual TLS too.
 */
class SecureSystemIT {
    @TempDir
    Path work;

    private Path generateCertificates() throws Exception {
        ProcessBuilder gen = new ProcessBuilder(Distribution.bin("gen_certificates").toString(), work.toString())
                .redirectErrorStream(true);
        gen.environment().put("DAOS_CERT_KEY_BITS", "2048");
        Process process = gen.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("gen_certificates finished").isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return work.resolve("daosCA/certs");
    }

    @Test
    void enginesJoinOverMutualTlsWithTheServerCertificate() throws Exception {
        try (TestSystem system = new TestSystem(work, List.of(1, 1), List.of(0)).secure(generateCertificates())) {
            system.startAll();
            system.awaitAllJoined(Duration.ofSeconds(120));

            ProcessResult query = system.dmg("system", "query", "-v");
            assertThat(query.exitCode()).as(query.toString()).isZero();
            assertThat(query.stdout()).contains(system.address(1)).contains("Joined");
            assertThat(system.server(1).log()).contains("gRPC transport secured by module security");
        }
    }

    /**
     * Three access points: each replica's raft port speaks TLS and refuses a caller without a certificate; the
     * leader brings the other two in as voters (their logs caught up over TLS) and the system works through them.
     */
    @Test
    void threeReplicasRunRaftUnderMutualTls() throws Exception {
        Path certs = generateCertificates();
        try (TestSystem system = new TestSystem(work, List.of(1, 1, 1), List.of(0, 1, 2)).secure(certs)) {
            system.startAll();
            system.awaitAllJoined(Duration.ofSeconds(180));

            for (int host = 0; host < 3; host++) {
                assertThat(system.server(host).log()).as("host " + host)
                        .contains("started raft on " + raftAddress(system, host) + " (mutual TLS");
            }
            // the bootstrap replica leads and adds the others once their engines joined: a configuration change
            // only completes after the new voters have caught up, which they do over TLS
            await("replicas 1 and 2 are raft voters").atMost(Duration.ofSeconds(60)).until(() -> {
                String added = voterLines(system);
                return added.contains(peerId(system, 1)) && added.contains(peerId(system, 2));
            });
            // (a first attempt may time out when the replica's raft is still starting: the leader retries)

            // with three voters every commit needs a follower over TLS: a system-wide stop and start commits
            ProcessResult stop = system.dmg("system", "stop");
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
            ProcessResult start = system.dmg("system", "start");
            assertThat(start.exitCode()).as(start.toString()).isZero();
            system.awaitAllJoined(Duration.ofSeconds(120));

            ProcessResult leader = system.dmg("system", "leader-query");
            assertThat(leader.exitCode()).as(leader.toString()).isZero();
            assertThat(leader.stdout()).contains("Current Leader: " + system.address(0))
                    .containsPattern("Unresponsive Replicas: *\\n");

            for (int host = 0; host < 3; host++) {
                InetSocketAddress raft = new InetSocketAddress("127.0.0.1", raftPort(system, host));
                // with the server certificate: a TLS handshake, and the replica presents the server certificate
                X509Certificate presented = handshake(raft, tls(certs, true));
                assertThat(presented.getSubjectX500Principal().getName()).contains("CN=server");
                // without a client certificate: refused
                assertThatThrownBy(() -> handshake(raft, tls(certs, false))).as("host " + host)
                        .isInstanceOf(IOException.class);
                // plaintext HTTP/2 (what a plaintext Ratis peer sends) gets no HTTP/2 answer
                byte[] answer = plaintextAnswer(raft);
                assertThat(answer.length >= 9 && answer[3] == 4).as("host %d answered plaintext HTTP/2 with a"
                        + " SETTINGS frame", host).isFalse();
            }
        }
    }

    /** The leader's lines announcing replicas that became raft voters. */
    private static String voterLines(TestSystem system) {
        return String.join("\n", system.server(0).log().lines().filter(l -> l.contains("is a raft voter")).toList());
    }

    private static int raftPort(TestSystem system, int host) {
        String address = system.address(host);
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)) + 1;
    }

    private static String raftAddress(TestSystem system, int host) {
        return "127.0.0.1:" + raftPort(system, host);
    }

    private static String peerId(TestSystem system, int host) {
        return system.address(host).replace(':', '_');
    }

    /** A client TLS context trusting the system's CA, presenting the server certificate when asked. */
    private static SSLContext tls(Path certs, boolean withCertificate) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.resolve("daosCA.crt"))) {
            trust.setCertificateEntry("ca", x509.generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        if (!withCertificate) {
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        }
        Certificate cert;
        try (InputStream in = Files.newInputStream(certs.resolve("server.crt"))) {
            cert = x509.generateCertificate(in);
        }
        // gen_certificates writes PKCS#8 keys ("BEGIN PRIVATE KEY") with OpenSSL 3
        String pem = Files.readString(certs.resolve("server.key"));
        assertThat(pem).contains("BEGIN PRIVATE KEY");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("server", key, new char[0], new Certificate[] {cert});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, new char[0]);
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    /**
     * Completes a TLS handshake (ALPN h2, as gRPC) and reads the server's first HTTP/2 bytes, which a server that
     * refused the client certificate never sends (TLS 1.3 reports the refusal after the handshake); returns the
     * server's certificate.
     */
    private static X509Certificate handshake(InetSocketAddress address, SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(address, 5000);
            socket.setSoTimeout(10_000);
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(params);
            socket.startHandshake();
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // empty SETTINGS
            socket.getOutputStream().flush();
            byte[] frameHeader = socket.getInputStream().readNBytes(9);
            if (frameHeader.length < 9) {
                throw new SSLException("the server closed the connection after the handshake");
            }
            assertThat(frameHeader[3]).as("the server's first HTTP/2 frame is SETTINGS").isEqualTo((byte) 4);
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** What a raft port answers a plaintext HTTP/2 client (as a plaintext Ratis peer would speak), up to 64 bytes. */
    private static byte[] plaintextAnswer(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            socket.getOutputStream().flush();
            return socket.getInputStream().readNBytes(64);
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            return new byte[0];
        }
    }
}
