package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.ScmModule;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The binding against the real libipmctl (installed by .ci/run). This host has no PMem, so libipmctl initialises
 * and reports zero modules and zero regions: that must be a clean answer, not an error. A missing library fails
 * this test.
 */
class IpmctlBindingTest {

    static final List<String> REFERENCE_LIBRARIES = List.of("ipmctl", "libipmctl.so.5");

    @Test
    void theRealLibraryReportsItsVersionAndNoModulesHere() {
        try (Ipmctl ipmctl = new Ipmctl(REFERENCE_LIBRARIES)) {
            Ipmctl.Inventory inventory = ipmctl.discover();

            assertThat(inventory.version()).matches("\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}(-.+)?");
            assertThat(inventory.modules()).isEmpty();
            assertThat(inventory.regions()).isEmpty();
            // A second discovery reuses the initialised library.
            assertThat(ipmctl.discover()).isEqualTo(inventory);
        }
    }

    @Test
    void aMissingLibraryIsAFaultWithTheFix() {
        try (Ipmctl ipmctl = new Ipmctl(List.of("dockmaster-no-such-ipmctl"))) {
            assertThatThrownBy(ipmctl::discover).isInstanceOfSatisfying(Fault.class, f -> {
                assertThat(f.domain()).isEqualTo("scm");
                assertThat(f.code()).isEqualTo(Ipmctl.MISSING_SOFTWARE_DEPENDENCY);
                assertThat(f.description()).startsWith("libipmctl not available").contains("dockmaster-no-such-ipmctl");
                assertThat(f.resolution()).contains("libipmctl5");
            });
        }
    }

    /** A device_discovery written at the header's offsets reads back as the module DAOS reports. */
    @Test
    void aDeviceDiscoveryStructIsReadAtTheHeadersOffsets() {
        Runtime runtime = Runtime.getSystemRuntime();
        Pointer d = Memory.allocateDirect(runtime, DeviceDiscoveryLayout.SIZE, true);
        d.putShort(DeviceDiscoveryLayout.PHYSICAL_ID, (short) 0x1011);
        d.putShort(DeviceDiscoveryLayout.CHANNEL_POS, (short) 1);
        d.putShort(DeviceDiscoveryLayout.CHANNEL_ID, (short) 2);
        d.putShort(DeviceDiscoveryLayout.MEMORY_CONTROLLER_ID, (short) 1);
        d.putShort(DeviceDiscoveryLayout.SOCKET_ID, (short) 1);
        put(d, DeviceDiscoveryLayout.PART_NUMBER, "NMB1XXD512GPS");
        put(d, DeviceDiscoveryLayout.FW_REVISION, "02.02.00.1553");
        d.putLongLong(DeviceDiscoveryLayout.CAPACITY, 539754807296L);
        put(d, DeviceDiscoveryLayout.UID, "8089-a2-1837-00000bb3");

        assertThat(Ipmctl.module(d)).isEqualTo(new ScmModule(2, 1, 1, 1, 0x1011, 539754807296L,
                "8089-a2-1837-00000bb3", "NMB1XXD512GPS", "02.02.00.1553", ""));
    }

    @Test
    void aRegionStructIsReadAtTheHeadersOffsets() {
        Pointer r = Memory.allocateDirect(Runtime.getSystemRuntime(), RegionLayout.SIZE, true);
        r.putLongLong(RegionLayout.ISET_ID, 0x2d3c7f48f4e22ccL);
        r.putInt(RegionLayout.TYPE, 1);
        r.putLongLong(RegionLayout.CAPACITY, 1082331758592L);
        r.putLongLong(RegionLayout.FREE_CAPACITY, 0);
        r.putShort(RegionLayout.SOCKET_ID, (short) 1);
        r.putShort(RegionLayout.DIMM_COUNT, (short) 2);

        assertThat(Ipmctl.region(r)).isEqualTo(new PmemRegion(0x2d3c7f48f4e22ccL, true, 1082331758592L, 0, 1, 2));
    }

    private static void put(Pointer p, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        p.put(offset, bytes, 0, bytes.length);
    }
}
