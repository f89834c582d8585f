package dev.dockmaster.plugins.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real CA and DAOS certificates, made by the distribution's {@code bin/gen_certificates} with openssl (2048-bit keys
 * to keep tests quick). Fails, rather than skips, when openssl is missing: {@code .ci/run} installs it.
 */
record TestCertificates(Path certs) {

    static TestCertificates generate(Path dir) {
        Path script = findScript();
        try {
            ProcessBuilder builder = new ProcessBuilder(script.toString(), dir.toString()).redirectErrorStream(true);
            builder.environment().put("DAOS_CERT_KEY_BITS", "2048");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("gen_certificates failed:\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new TestCertificates(dir.resolve("daosCA/certs"));
    }

    Path ca() {
        return certs.resolve("daosCA.crt");
    }

    Path cert(String component) {
        return certs.resolve(component + ".crt");
    }

    Path key(String component) {
        return certs.resolve(component + ".key");
    }

    Path clients() {
        return certs.resolve("clients");
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("distribution/src/bin/gen_certificates");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("distribution/src/bin/gen_certificates not found above " + Path.of("").toAbsolutePath());
    }
}
