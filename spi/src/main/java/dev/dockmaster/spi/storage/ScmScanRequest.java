package dev.dockmaster.spi.storage;

import java.util.List;

/**
 * @param devices restrict the scan to these devices (such as {@code /dev/pmem0}); empty means every device
 */
public record ScmScanRequest(List<String> devices) {
    public ScmScanRequest {
        devices = List.copyOf(devices);
    }

    public static ScmScanRequest all() {
        return new ScmScanRequest(List.of());
    }
}
