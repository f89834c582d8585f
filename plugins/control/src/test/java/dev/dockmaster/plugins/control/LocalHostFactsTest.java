package dev.dockmaster.plugins.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalHostFactsTest {

    @Test
    void readsAndListsBelowItsRoot(@TempDir Path root) throws IOException {
        Path net = Files.createDirectories(root.resolve("sys/class/net"));
        Files.createDirectories(net.resolve("eth1"));
        Files.createDirectories(net.resolve("eth0"));
        Files.writeString(net.resolve("eth0/type"), "1\n");
        LocalHostFacts facts = new LocalHostFacts(root);

        assertThat(facts.read("/sys/class/net/eth0/type")).contains("1\n");
        assertThat(facts.list("/sys/class/net")).containsExactly("eth0", "eth1");
    }

    @Test
    void missingFilesAndDirectoriesReadAsAbsent(@TempDir Path root) {
        LocalHostFacts facts = new LocalHostFacts(root);

        assertThat(facts.read("/proc/meminfo")).isEmpty();
        assertThat(facts.list("/sys/class/net")).isEmpty();
        // A directory is not a readable file.
        assertThat(facts.read("/")).isEmpty();
    }
}
