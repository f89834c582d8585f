package dev.dockmaster.spi.storage;

import java.util.List;

public record BdevScanResult(List<NvmeController> controllers) {
    public BdevScanResult {
        controllers = List.copyOf(controllers);
    }

    public static BdevScanResult empty() {
        return new BdevScanResult(List.of());
    }
}
