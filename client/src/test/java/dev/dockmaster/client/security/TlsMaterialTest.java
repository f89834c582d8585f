package dev.dockmaster.client.security;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading certificates and keys as DAOS does, on real files made by gen_certificates. */
class TlsMaterialTest {
    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static TestCertificates otherCa;

    @TempDir
    Path work;

    @BeforeAll
    static void generate() {
        certs = TestCertificates.generate(dir.resolve("main"));
        otherCa = TestCertificates.generate(dir.resolve("other"));
    }

    @Test
    void loadsTheGeneratedAdminMaterial() {
        TlsMaterial m = TlsMaterial.load(certs.ca(), certs.cert("admin"), certs.key("admin"),
                FilePermissions.GROUP_READ_KEY);
        assertThat(m.commonName()).isEqualTo("admin");
        assertThat(m.caCerts()).hasSize(1);
        assertThat(m.key().getAlgorithm()).isEqualTo("RSA");
    }

    static Stream<Arguments> keyModes() {
        return Stream.of(
                Arguments.of("server key 0400", FilePermissions.USER_ONLY_KEY, "r--------", true),
                Arguments.of("server key 0600 too open", FilePermissions.USER_ONLY_KEY, "rw-------", false),
                Arguments.of("server key 0440 too open", FilePermissions.USER_ONLY_KEY, "r--r-----", false),
                Arguments.of("server key 0644 too open", FilePermissions.USER_ONLY_KEY, "rw-r--r--", false),
                Arguments.of("admin key 0440", FilePermissions.GROUP_READ_KEY, "r--r-----", true),
                Arguments.of("admin key 0400", FilePermissions.GROUP_READ_KEY, "r--------", true),
                Arguments.of("admin key 0640 too open", FilePermissions.GROUP_READ_KEY, "rw-r-----", false),
                Arguments.of("admin key 0444 too open", FilePermissions.GROUP_READ_KEY, "r--r--r--", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyModes")
    void keyPermissionsFollowDaos(String name, int maxMode, String mode, boolean accepted) throws IOException {
        Path key = copy(certs.key("server"), "server.key", mode);
        if (accepted) {
            assertThat(TlsMaterial.load(certs.ca(), certs.cert("server"), key, maxMode).commonName())
                    .isEqualTo("server");
        } else {
            assertThatThrownBy(() -> TlsMaterial.load(certs.ca(), certs.cert("server"), key, maxMode))
                    .isInstanceOfSatisfying(Fault.class, f -> {
                        assertThat(f.code()).isEqualTo(SecurityFaults.INSECURE_PERMISSIONS);
                        assertThat(f.description()).startsWith(key + " has insecure permissions 0")
                                .endsWith("(suggested: 0" + Integer.toOctalString(maxMode) + ")");
                        assertThat(f.resolution()).contains("chmod " + Integer.toOctalString(maxMode) + " " + key);
                    });
        }
    }

    @Test
    void aWorldWritableCertificateIsRefused() throws IOException {
        Path cert = copy(certs.cert("server"), "server.crt", "rw-rw-rw-");
        assertThatThrownBy(() -> TlsMaterial.load(certs.ca(), cert, certs.key("server"),
                FilePermissions.USER_ONLY_KEY))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.code()).isEqualTo(2301));
    }

    enum Broken { MISSING_CA, MISSING_CERT, MISSING_KEY, NOT_PEM, DIRECTORY, FOREIGN_KEY, FOREIGN_CA }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of(Broken.MISSING_CA, 901, "was not found"),
                Arguments.of(Broken.MISSING_CERT, 901, "was not found"),
                Arguments.of(Broken.MISSING_KEY, 901, "was not found"),
                Arguments.of(Broken.NOT_PEM, 903, "does not contain PEM data"),
                Arguments.of(Broken.DIRECTORY, 903, "not a regular file"),
                Arguments.of(Broken.FOREIGN_KEY, 903, "does not belong to this certificate"),
                Arguments.of(Broken.FOREIGN_CA, 903, "does not verify against the CA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFilesAreFaultsNamingTheFile(Broken broken, int code, String text) throws IOException {
        Path ca = certs.ca();
        Path cert = certs.cert("server");
        Path key = certs.key("server");
        Path named;
        switch (broken) {
            case MISSING_CA -> named = ca = work.resolve("missing/daosCA.crt");
            case MISSING_CERT -> named = cert = work.resolve("missing/server.crt");
            case MISSING_KEY -> named = key = work.resolve("missing/server.key");
            case NOT_PEM -> {
                named = cert = work.resolve("server.crt");
                Files.writeString(cert, "hello\n", StandardCharsets.US_ASCII);
            }
            case DIRECTORY -> named = key = Files.createDirectory(work.resolve("server.key"));
            case FOREIGN_KEY -> {
                named = cert;
                key = certs.key("agent");
            }
            case FOREIGN_CA -> {
                named = cert = otherCa.cert("server");
                key = otherCa.key("server");
            }
            default -> throw new IllegalStateException();
        }
        Path c = ca;
        Path t = cert;
        Path k = key;
        assertThatThrownBy(() -> TlsMaterial.load(c, t, k, FilePermissions.USER_ONLY_KEY))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.domain()).isEqualTo("security");
                    assertThat(f.code()).isEqualTo(code);
                    assertThat(f.description()).contains(named.toString()).contains(text);
                    assertThat(f.resolution()).isNotEmpty();
                });
    }

    @Test
    void aPkcs1KeyFromOlderOpensslLoads() throws Exception {
        Path key = work.resolve("server-pkcs1.key");
        Process p = new ProcessBuilder("openssl", "rsa", "-in", certs.key("server").toString(), "-traditional",
                "-out", key.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        assertThat(TlsMaterial.load(certs.ca(), certs.cert("server"), key, FilePermissions.USER_ONLY_KEY)
                .commonName()).isEqualTo("server");
    }

    @Test
    void certificatesCarryDaosNamesAndUsages() throws Exception {
        assertThat(CommonNames.of(CertificateFiles.certificates(certs.cert("server")).get(0))).isEqualTo("server");
        assertThat(CommonNames.of(CertificateFiles.certificates(certs.cert("agent")).get(0))).isEqualTo("agent");
        assertThat(CertificateFiles.certificates(certs.cert("server")).get(0).getExtendedKeyUsage())
                .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(CertificateFiles.certificates(certs.cert("admin")).get(0).getExtendedKeyUsage())
                .containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.key("admin"))))
                .isEqualTo("r--------");
        assertThat(certs.clients().resolve("agent.crt")).exists();
    }

    @Test
    void aMissingClientCertDirIs901() {
        Path missing = work.resolve("clients");
        assertThatThrownBy(() -> CertificateFiles.readableDirectory(missing))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(901);
                    assertThat(f.description()).contains(missing.toString());
                });
    }

    private Path copy(Path from, String name, String mode) throws IOException {
        Path to = work.resolve(name);
        Files.copy(from, to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(mode));
        return to;
    }
}
