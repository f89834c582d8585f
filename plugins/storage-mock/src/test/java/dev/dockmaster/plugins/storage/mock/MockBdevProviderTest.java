package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.NvmeController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MockBdevProviderTest {

    private static final String SSD0 = "0000:5e:00.0";
    private static final String SSD1 = "0000:d8:00.0";

    private static MockBdevProvider provider(Map<String, Object> config) {
        return (MockBdevProvider) new MockBdevProviderFactory().create(TestingConfig.context(config));
    }

    private static Map<String, Object> failing(String device, String error) {
        return TestingConfig.edit(TestingConfig.reference(), "nvme.format_failures",
                List.of(Map.of("device", device, "error", error)));
    }

    private static BdevFormatRequest nvme(boolean force, String... devices) {
        return new BdevFormatRequest(0, 1, "nvme", List.of(devices), 0, force);
    }

    record FormatCase(String name, Map<String, Object> config, List<BdevFormatRequest> earlier,
                      BdevFormatRequest request, List<DeviceResult> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FormatCase> formatCases() {
        return Stream.of(
                new FormatCase("fresh devices are formatted", TestingConfig.reference(), List.of(),
                        nvme(false, SSD0, SSD1), List.of(DeviceResult.done(SSD0), DeviceResult.done(SSD1))),
                new FormatCase("formatted before and not forced: skipped", TestingConfig.reference(),
                        List.of(nvme(false, SSD0)), nvme(false, SSD0, SSD1),
                        List.of(DeviceResult.skipped(SSD0, "already formatted"), DeviceResult.done(SSD1))),
                new FormatCase("formatted before and forced: done again", TestingConfig.reference(),
                        List.of(nvme(false, SSD0)), nvme(true, SSD0),
                        List.of(DeviceResult.done(SSD0))),
                new FormatCase("a configured failure fails only its device", failing(SSD1, "write zeroes failed"),
                        List.of(), nvme(false, SSD0, SSD1),
                        List.of(DeviceResult.done(SSD0), DeviceResult.failed(SSD1, "write zeroes failed"))),
                new FormatCase("a configured failure fails even when forced", failing(SSD0, "gone"),
                        List.of(), nvme(true, SSD0), List.of(DeviceResult.failed(SSD0, "gone"))),
                new FormatCase("emulated file devices are formatted too", TestingConfig.reference(), List.of(),
                        new BdevFormatRequest(0, 1, "file", List.of("/nonexistent-dir/daos-bdev"), 8L << 30, false),
                        List.of(DeviceResult.done("/nonexistent-dir/daos-bdev"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formatCases")
    void formatReportsOneResultPerDevice(FormatCase c) {
        MockBdevProvider bdev = provider(c.config());
        c.earlier().forEach(bdev::format);

        assertThat(bdev.format(c.request())).containsExactlyElementsOf(c.expected());
        assertThat(bdev.formatCalls()).hasSize(c.earlier().size() + 1).last().isEqualTo(c.request());
    }

    @Test
    void anEmulatedFileDeviceIsCreatedAtItsSizeSoTheEngineSeesItsCapacity(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path dir) throws Exception {
        MockBdevProvider bdev = provider(TestingConfig.reference());
        String device = dir.resolve("bdev0").toString();

        assertThat(bdev.format(new BdevFormatRequest(0, 1, "file", List.of(device), 3L << 30, false)))
                .containsExactly(DeviceResult.done(device));
        assertThat(java.nio.file.Files.size(java.nio.file.Path.of(device))).isEqualTo(3L << 30);
    }

    @Test
    void anUnsupportedClassIsAFault() {
        MockBdevProvider bdev = provider(TestingConfig.reference());

        assertThatThrownBy(() -> bdev.format(new BdevFormatRequest(0, 1, "malloc", List.of("x"), 0, false)))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.domain()).isEqualTo("bdev");
                    assertThat(f.code()).isEqualTo(301);
                    assertThat(f.description()).contains("'malloc'");
                });
    }

    @Test
    void aConfiguredScanFaultIsThrownWithTheBdevDomainByDefault() {
        MockBdevProvider bdev = provider(TestingConfig.edit(TestingConfig.reference(), "nvme.scan_fault",
                Map.of("code", 800, "description", "SPDK env init failed")));

        assertThatThrownBy(() -> bdev.scan(BdevScanRequest.all())).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.domain()).isEqualTo("bdev");
            assertThat(f.code()).isEqualTo(800);
            assertThat(f.resolution()).isEmpty();
        });
    }

    @Test
    void aDeviceFilterNarrowsTheControllers() {
        MockBdevProvider bdev = provider(TestingConfig.reference());

        assertThat(bdev.scan(new BdevScanRequest(List.of(SSD1), false)).controllers())
                .extracting(NvmeController::pciAddress).containsExactly(SSD1);
    }

    @Test
    void aControllerWithoutConfiguredHealthHasNoneEvenWhenAsked() {
        MockBdevProvider bdev = provider(TestingConfig.edit(TestingConfig.reference(), "nvme.controllers.0.health",
                null));

        List<NvmeController> controllers = bdev.scan(new BdevScanRequest(List.of(), true)).controllers();

        assertThat(controllers.get(0).health()).isEmpty();
        assertThat(controllers.get(1).health()).isPresent();
    }
}
