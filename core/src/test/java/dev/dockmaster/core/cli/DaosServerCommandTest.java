package dev.dockmaster.core.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DaosServerCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DaosServerCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void versionNamesTheDaosReleaseAndOurs() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).startsWith("daos_server version 2.6.5 (Dockmaster ");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString()).contains("a command is required");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("start", "--bogus")).isEqualTo(1);
        assertThat(err.toString()).contains("--bogus");
    }

    @Test
    void startWithAMissingConfigFileFailsBeforeOpeningAPort() {
        assertThat(run("start", "-o", dir.resolve("nope.yml").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nope.yml").contains("does not exist");
    }

    @Test
    void validateAcceptsAGoodFile() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("ok.conf"),
                "plugins.dir = \"" + dir + "\"\n");
        assertThat(run("config", "validate", "-o", file.toString())).isZero();
        assertThat(out.toString()).contains("is valid");
    }
}
