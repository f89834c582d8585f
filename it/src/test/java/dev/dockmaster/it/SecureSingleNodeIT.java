package dev.dockmaster.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A secured one-host system: certificates from the distribution's bin/gen_certificates, daos_server with
 * {@code allow_insecure: false} (the security plugin supplies mutual TLS and authorization), driven by the
 * distribution's dmg with the admin and the agent certificates, without a certificate, and in insecure mode.
 */
class SecureSingleNodeIT {
    @TempDir
    static Path work;

    private static ServerProcess server;
    private static String host;
    private static Path certs;

    @BeforeAll
    static void startSecureServer() throws IOException {
        ProcessResult gen = runGenerator(work);
        assertThat(gen.exitCode()).as(gen.toString()).isZero();
        certs = work.resolve("daosCA/certs");
        int port = Distribution.freePort();
        server = ServerProcess.start(work, serverConfig("server.key"), port);
        host = "localhost:" + port;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dmgWithTheAdminCertificateSucceeds() throws IOException {
        ProcessResult scan = Commands.dmg(work, "-o", controlConfig("admin").toString(), "-l", host, "network", "scan");
        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        ProcessResult storage = Commands.dmg(work, "-o", controlConfig("admin").toString(), "-l", host, "storage",
                "scan");
        assertThat(storage.exitCode()).as(storage.toString()).isZero();
        assertThat(storage.stdout()).contains("SCM Total");
        assertThat(server.log()).contains("gRPC transport secured by module security");
    }

    @Test
    void dmgWithTheAgentCertificateIsDeniedNetworkScan() throws IOException {
        ProcessResult result = Commands.dmg(work, "-o", controlConfig("agent").toString(), "-l", host, "network",
                "scan");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout() + result.stderr()).contains("PermissionDenied")
                .contains("agent does not have permission to call /ctl.CtlSvc/NetworkScan");
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustEverything()}, null);
        int port = server.port();
        assertThatThrownBy(() -> {
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                socket.startHandshake();
                // Under TLS 1.3 the server judges the (absent) client certificate after the client finished: its
                // refusal arrives as an alert on the first read.
                socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes());
                socket.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                if (in.read() < 0) {
                    throw new SocketException("closed by the server without a response");
                }
            }
        }).isInstanceOfAny(SSLException.class, SocketException.class);
    }

    @Test
    void anInsecureDmgAgainstTheSecureServerFailsWithATransportError() {
        ProcessResult result = Commands.dmg(work, "-i", "-l", host, "network", "scan");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout() + result.stderr()).as(result.toString())
                .containsAnyOf("closed the connection", "code = 507", "Unavailable");
    }

    @Test
    void dmgNamesAMissingCertificateFile() throws IOException {
        Path config = Files.writeString(work.resolve("missing.yml"), "hostlist: ['" + host + "']\n"
                + "transport_config:\n  allow_insecure: false\n  ca_cert: " + certs.resolve("daosCA.crt") + "\n"
                + "  cert: " + work.resolve("nowhere/admin.crt") + "\n  key: " + certs.resolve("admin.key") + "\n");
        ProcessResult result = Commands.dmg(work, "-o", config.toString(), "network", "scan");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Unable to load Certificate Data")
                .contains(work.resolve("nowhere/admin.crt").toString()).contains("code = 901");
    }

    @Test
    void aServerKeyReadableByOthersStopsTheServerWithAFault() throws IOException {
        Path key = work.resolve("open-server.key");
        if (!Files.exists(key)) {
            Files.copy(certs.resolve("server.key"), key);
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        int port = Distribution.freePort();
        try (ServerProcess bad = ServerProcess.launch(work, serverConfig(key.toString()), port)) {
            assertThat(bad.awaitExit(Duration.ofSeconds(60))).as(bad.log()).isNotZero();
            assertThat(bad.log()).contains(key.toString()).contains("insecure permissions 0644")
                    .contains("suggested: 0400");
            assertThat(ServerProcess.portOpen(port)).isFalse();
        }
    }

    /** The shipped daos_server.yml with TLS on and the generated server certificate; key relative to certs. */
    private static Path serverConfig(String key) throws IOException {
        Path own = Distribution.shippedConfig(work.resolve("shipped-" + key.replace('/', '_')));
        String shipped = Files.readString(own);
        String insecure = "transport_config:\n  allow_insecure: true\n";
        assertThat(shipped).contains(insecure);
        String secure = "transport_config:\n  allow_insecure: false\n"
                + "  ca_cert: " + certs.resolve("daosCA.crt") + "\n"
                + "  cert: " + certs.resolve("server.crt") + "\n"
                + "  key: " + certs.resolve(key) + "\n"
                + "  client_cert_dir: " + certs.resolve("clients") + "\n";
        Path file = work.resolve("daos_server-" + key.replace('/', '_') + ".yml");
        return Files.writeString(file, shipped.replace(insecure, secure));
    }

    private static Path controlConfig(String component) throws IOException {
        return Files.writeString(work.resolve(component + "-control.yml"), "name: daos_server\n"
                + "transport_config:\n  allow_insecure: false\n"
                + "  ca_cert: " + certs.resolve("daosCA.crt") + "\n"
                + "  cert: " + certs.resolve(component + ".crt") + "\n"
                + "  key: " + certs.resolve(component + ".key") + "\n");
    }

    private static ProcessResult runGenerator(Path dir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(Distribution.bin("gen_certificates").toString(),
                    dir.toString()).redirectErrorStream(true);
            builder.environment().put("DAOS_CERT_KEY_BITS", "2048");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("gen_certificates did not finish");
            }
            return new ProcessResult(process.exitValue(), out, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The test client checks nothing: what is under test is that the server refuses it. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
