package dev.dockmaster.spi.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One NVMe controller (or an emulated one).
 *
 * @param model model name
 * @param serial serial number
 * @param pciAddress PCI address such as {@code 0000:81:00.0} (or the backing path for emulated devices)
 * @param firmwareRevision firmware revision
 * @param socketId NUMA socket
 * @param vendorId PCI vendor id such as {@code 0x8086}; empty when unknown
 * @param pciDeviceType {@code pci} or {@code vmd}; empty when unknown
 * @param namespaces namespaces of the controller
 * @param health the health log, when it was asked for and could be read
 */
public record NvmeController(String model, String serial, String pciAddress, String firmwareRevision, int socketId,
                             String vendorId, String pciDeviceType, List<NvmeNamespace> namespaces,
                             Optional<NvmeHealth> health) {
    public NvmeController {
        model = Objects.requireNonNullElse(model, "");
        serial = Objects.requireNonNullElse(serial, "");
        Objects.requireNonNull(pciAddress, "pciAddress");
        firmwareRevision = Objects.requireNonNullElse(firmwareRevision, "");
        vendorId = Objects.requireNonNullElse(vendorId, "");
        pciDeviceType = Objects.requireNonNullElse(pciDeviceType, "");
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(health, "health");
    }

    /** Total capacity of the controller's namespaces. */
    public long capacityBytes() {
        return namespaces.stream().mapToLong(NvmeNamespace::sizeBytes).sum();
    }
}
