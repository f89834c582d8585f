package dev.dockmaster.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secured system of two hosts, the first the access point: the second host's engine joins over mutual TLS with the
 * server certificate (server-to-server calls), and dmg with the admin certificate sees every rank Joined.
 */
class SecureSystemIT {
    @TempDir
    Path work;

    @Test
    void enginesJoinOverMutualTlsWithTheServerCertificate() throws Exception {
        ProcessBuilder gen = new ProcessBuilder(Distribution.bin("gen_certificates").toString(), work.toString())
                .redirectErrorStream(true);
        gen.environment().put("DAOS_CERT_KEY_BITS", "2048");
        Process process = gen.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("gen_certificates finished").isTrue();
        assertThat(process.exitValue()).as(out).isZero();

        try (TestSystem system = new TestSystem(work, List.of(1, 1), List.of(0))
                .secure(work.resolve("daosCA/certs"))) {
            system.startAll();
            system.awaitAllJoined(Duration.ofSeconds(120));

            ProcessResult query = system.dmg("system", "query", "-v");
            assertThat(query.exitCode()).as(query.toString()).isZero();
            assertThat(query.stdout()).contains(system.address(1)).contains("Joined");
            assertThat(system.server(1).log()).contains("gRPC transport secured by module security");
        }
    }
}
