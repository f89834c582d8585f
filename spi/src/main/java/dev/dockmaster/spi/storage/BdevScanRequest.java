package dev.dockmaster.spi.storage;

import java.util.List;

/**
 * @param devices restrict the scan to these devices (PCI addresses, files); empty means every device
 * @param health also read each controller's health log
 */
public record BdevScanRequest(List<String> devices, boolean health) {
    public BdevScanRequest {
        devices = List.copyOf(devices);
    }

    public static BdevScanRequest all() {
        return new BdevScanRequest(List.of(), false);
    }
}
