package com.example.dockmaster;

import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeNamespace;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A block-device provider that reports one fixed NVMe controller. A real provider would ask the hardware (or a
 * vendor library) here; everything else about it would look the same.
 */
public final class ExampleBdevProvider implements BdevProvider {

    static final String PCI_ADDRESS = "0000:01:00.0";

    private final NvmeController controller;

    ExampleBdevProvider(String model) {
        controller = new NvmeController(model, "EX000000001", PCI_ADDRESS, "1.0", 0, "", "pci",
                List.of(new NvmeNamespace(1, 1_000_204_886_016L)), // one 1 TB namespace
                Optional.empty());                                  // no health log to offer
    }

    @Override
    public String name() {
        return "example";
    }

    /** The DAOS storage classes ({@code bdev_class} in an engine's tier) this provider formats. */
    @Override
    public Set<String> storageClasses() {
        return Set.of("nvme");
    }

    @Override
    public BdevScanResult scan(BdevScanRequest request) {
        // An empty device list means "every device"; otherwise report ours only if it was asked for.
        boolean wanted = request.devices().isEmpty() || request.devices().contains(PCI_ADDRESS);
        return new BdevScanResult(wanted ? List.of(controller) : List.of());
    }

    @Override
    public List<DeviceResult> format(BdevFormatRequest request) {
        // One result per requested device. A device we do not have is a per-device failure, not an exception, so
        // the other devices still report their outcome.
        return request.devices().stream()
                .map(device -> device.equals(PCI_ADDRESS)
                        ? DeviceResult.done(device)
                        : DeviceResult.failed(device, "no such device on the example provider: " + device))
                .toList();
    }
}
