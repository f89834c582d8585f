package dev.dockmaster.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One daos_server started from the distribution on its shipped config (conf/daos_server.yml, mock storage), driven by
 * the distribution's dmg, as an admin would.
 */
class SingleNodeIT {
    @TempDir
    static Path work;

    private static ServerProcess server;
    private static String host;

    @BeforeAll
    static void startServer() {
        int port = Distribution.freePort();
        server = ServerProcess.start(work, Distribution.shippedConfig(work), port);
        host = "localhost:" + port;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void storageScanShowsTheMockInventory() {
        ProcessResult result = Commands.dmg(work, "-i", "-l", host, "storage", "scan");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Hosts").contains("SCM Total").contains("NVMe Total")
                .contains("localhost").contains("namespaces").contains("controllers");
    }

    @Test
    void verboseStorageScanListsDevices() {
        ProcessResult result = Commands.dmg(work, "-i", "-l", host, "storage", "scan", "-v");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("pmem0").contains("PCI");
    }

    @Test
    void storageScanAsJsonHasTheDaosEnvelope() {
        ProcessResult result = Commands.dmg(work, "-i", "-j", "-l", host, "storage", "scan");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonObject envelope = JsonParser.parseString(result.stdout()).getAsJsonObject();
        assertThat(envelope.keySet()).contains("response", "error", "status");
        assertThat(envelope.get("status").getAsInt()).isZero();
        assertThat(envelope.get("error").isJsonNull()).isTrue();
        assertThat(envelope.get("response").isJsonObject()).isTrue();
    }

    @Test
    void networkScanReportsThisHostsInterfaces() throws SocketException {
        ProcessResult result = Commands.dmg(work, "-i", "-l", host, "network", "scan", "-p", "all");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        for (String name : upNonLoopbackInterfaces()) {
            assertThat(result.stdout()).contains(name);
        }
        assertThat(result.stdout()).doesNotContain(" lo ");
    }

    @Test
    void serverPluginsListsTheShippedPlugins() {
        ProcessResult result = Commands.dmg(work, "-i", "-l", host, "server", "plugins");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("control").contains("storage-mock");
        assertThat(result.stdout()).doesNotContain("FAILED");
    }

    @Test
    void aHostThatIsDownIsAGroupedErrorAndANonZeroExit() {
        int deadPort = Distribution.freePort();
        String dead = "localhost:" + deadPort;

        ProcessResult result = Commands.dmg(work, "-i", "-l", host + "," + dead, "storage", "scan");

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        String all = result.stdout() + result.stderr();
        assertThat(all).contains("Errors").contains(String.valueOf(deadPort));
        assertThat(all).as("the live host still answers").contains("namespaces");
    }

    @Test
    void versionPrintsTheDaosRelease() {
        ProcessResult result = Commands.dmg(work, "version");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("2.6.5");
    }

    static List<String> upNonLoopbackInterfaces() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback() && !i.isVirtual()
                                && i.getInetAddresses().hasMoreElements();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .map(NetworkInterface::getName).toList();
    }
}
