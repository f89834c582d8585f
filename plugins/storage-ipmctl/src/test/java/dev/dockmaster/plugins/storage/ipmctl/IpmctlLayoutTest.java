package dev.dockmaster.plugins.storage.ipmctl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles {@code src/test/c/layout.c} against the installed {@code nvm_management.h} (libipmctl-dev and a C
 * compiler, both installed by .ci/run) and checks that the Java offsets are the header's.
 */
class IpmctlLayoutTest {

    @TempDir
    Path dir;

    @Test
    void theJavaOffsetsAreTheHeaders() throws Exception {
        Path binary = dir.resolve("layout");
        run("cc", "-o", binary.toString(), Path.of("src/test/c/layout.c").toAbsolutePath().toString());
        Map<String, Integer> offsets = new LinkedHashMap<>();
        for (String line : run(binary.toString()).split("\n")) {
            String[] kv = line.split("=");
            offsets.put(kv[0], Integer.parseInt(kv[1]));
        }

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("device_discovery.SIZE", DeviceDiscoveryLayout.SIZE);
        expected.put("device_discovery.physical_id", DeviceDiscoveryLayout.PHYSICAL_ID);
        expected.put("device_discovery.channel_pos", DeviceDiscoveryLayout.CHANNEL_POS);
        expected.put("device_discovery.channel_id", DeviceDiscoveryLayout.CHANNEL_ID);
        expected.put("device_discovery.memory_controller_id", DeviceDiscoveryLayout.MEMORY_CONTROLLER_ID);
        expected.put("device_discovery.socket_id", DeviceDiscoveryLayout.SOCKET_ID);
        expected.put("device_discovery.part_number", DeviceDiscoveryLayout.PART_NUMBER);
        expected.put("device_discovery.fw_revision", DeviceDiscoveryLayout.FW_REVISION);
        expected.put("device_discovery.capacity", DeviceDiscoveryLayout.CAPACITY);
        expected.put("device_discovery.uid", DeviceDiscoveryLayout.UID);
        expected.put("region.SIZE", RegionLayout.SIZE);
        expected.put("region.isetId", RegionLayout.ISET_ID);
        expected.put("region.type", RegionLayout.TYPE);
        expected.put("region.capacity", RegionLayout.CAPACITY);
        expected.put("region.free_capacity", RegionLayout.FREE_CAPACITY);
        expected.put("region.socket_id", RegionLayout.SOCKET_ID);
        expected.put("region.dimm_count", RegionLayout.DIMM_COUNT);
        expected.put("region.health", RegionLayout.HEALTH);
        assertThat(offsets).containsExactlyEntriesOf(expected);
    }

    private static String run(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", argv), out).isZero();
        return out;
    }
}
