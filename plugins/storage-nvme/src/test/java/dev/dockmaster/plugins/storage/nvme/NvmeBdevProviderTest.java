package dev.dockmaster.plugins.storage.nvme;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.ProviderContext;
import dev.dockmaster.spi.config.ConfigView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NvmeBdevProviderTest {

    /** The plugin's reference.conf defaults. */
    static final List<String> DEFAULT_SPDK = List.of("spdk_nvme", "spdk_env_dpdk");

    @TempDir
    Path dir;

    private NvmeBdevProvider provider(Path sysfs) {
        return new NvmeBdevProvider(new SysfsNvmeScanner(sysfs), new SpdkLoader(DEFAULT_SPDK));
    }

    /**
     * SPDK is not packaged in Debian, so on this host (and in CI) a format must be a clear fault. Where SPDK is
     * installed this test fails on purpose: it then needs a test of the real wipe instead.
     */
    @Test
    void withoutSpdkFormatIsASpdkNotAvailableFault() {
        NvmeBdevProvider nvme = provider(Path.of("/sys"));

        assertThatThrownBy(() -> nvme.format(new BdevFormatRequest(0, 1, "nvme", List.of("0000:81:00.0"), 0, false)))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.domain()).isEqualTo("bdev");
                    assertThat(f.code()).isEqualTo(800);
                    assertThat(f.description()).startsWith("SPDK not available: cannot load spdk_nvme, spdk_env_dpdk");
                    assertThat(f.resolution()).contains("install SPDK", "class file or kdev");
                });
    }

    @Test
    void theClassIsCheckedBeforeSpdkIsNeeded() {
        NvmeBdevProvider nvme = provider(Path.of("/sys"));

        assertThatThrownBy(() -> nvme.format(new BdevFormatRequest(0, 1, "file", List.of("/tmp/x"), 1, false)))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(301);
                    assertThat(f.description()).contains("'file'");
                });
    }

    @Test
    void scanNeedsNoSpdkAndHonoursTheDeviceFilter() throws Exception {
        NvmeBdevProvider nvme = provider(SysfsFixture.build("/fixtures/sysfs-nvme-host.txt", dir));

        assertThat(nvme.scan(BdevScanRequest.all()).controllers()).hasSize(3);
        assertThat(nvme.scan(new BdevScanRequest(List.of("0000:d8:00.0"), false)).controllers())
                .extracting(NvmeController::pciAddress).containsExactly("0000:d8:00.0");
    }

    @Test
    void theFactoryReadsItsReferenceDefaults() {
        ConfigView config = new ConfigView() {
            @Override public boolean hasPath(String path) { return true; }
            @Override public String getString(String path) { return dir.toString(); }
            @Override public int getInt(String path) { throw new UnsupportedOperationException(); }
            @Override public long getLong(String path) { throw new UnsupportedOperationException(); }
            @Override public boolean getBoolean(String path) { throw new UnsupportedOperationException(); }
            @Override public long getBytes(String path) { throw new UnsupportedOperationException(); }
            @Override public List<String> getStringList(String path) { return DEFAULT_SPDK; }
            @Override public ConfigView getView(String path) { throw new UnsupportedOperationException(); }
            @Override public List<ConfigView> getViewList(String path) { throw new UnsupportedOperationException(); }
            @Override public String origin() { return "test"; }
        };
        ProviderContext context = new ProviderContext() {
            @Override public String pluginId() { return "storage-nvme"; }
            @Override public ConfigView config() { return config; }
        };

        var nvme = new NvmeBdevProviderFactory().create(context);

        assertThat(nvme.name()).isEqualTo("nvme");
        assertThat(nvme.storageClasses()).containsExactly("nvme");
        assertThat(nvme.scan(BdevScanRequest.all()).controllers()).isEmpty();
    }
}
