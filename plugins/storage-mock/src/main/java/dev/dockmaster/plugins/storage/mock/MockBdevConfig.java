package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeHealth;
import dev.dockmaster.spi.storage.NvmeNamespace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the mock bdev provider pretends this host has, and how it misbehaves: the {@code nvme} block of
 * {@code plugin.storage-mock}.
 *
 * <pre>
 * nvme {
 *   controllers = [{ model, serial, pci_addr, fw_rev, socket, vendor_id, pci_dev_type,
 *                    namespaces = [{ id, size }],
 *                    health { temperature, power_cycles, power_on_hours, unsafe_shutdowns, media_errors,
 *                             error_log_entries, temperature_warning, spare_warning, reliability_warning,
 *                             read_only_warning } }]                # health is optional
 *   scan_fault { code, description, resolution }                   # optional
 *   format_failures = [{ device, error, code, resolution }]         # a PCI address or file path; code: a fault
 * }
 * </pre>
 */
record MockBdevConfig(List<NvmeController> controllers, Optional<InjectedFault> scanFault,
                      FormatFailures formatFailures) {

    MockBdevConfig {
        controllers = List.copyOf(controllers);
    }

    static MockBdevConfig read(ConfigReader nvme) {
        List<NvmeController> controllers = new ArrayList<>();
        Set<String> addresses = new HashSet<>();
        for (ConfigReader controller : nvme.objects("controllers")) {
            NvmeController parsed = new NvmeController(
                    controller.string("model"),
                    controller.string("serial"),
                    controller.string("pci_addr"),
                    controller.string("fw_rev", ""),
                    controller.nonNegativeInt("socket"),
                    controller.string("vendor_id", ""),
                    controller.string("pci_dev_type", ""),
                    namespaces(controller),
                    controller.object("health").map(MockBdevConfig::health));
            if (!addresses.add(parsed.pciAddress())) {
                throw controller.bad("pci_addr", "'" + parsed.pciAddress() + "' is used by another controller");
            }
            controllers.add(parsed);
        }
        return new MockBdevConfig(controllers,
                nvme.object("scan_fault").map(fault -> InjectedFault.read(fault, "bdev")),
                FormatFailures.read(nvme, "bdev"));
    }

    private static List<NvmeNamespace> namespaces(ConfigReader controller) {
        List<NvmeNamespace> namespaces = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (ConfigReader namespace : controller.objects("namespaces")) {
            int id = namespace.nonNegativeInt("id");
            if (id == 0) {
                // NVMe namespace ids start at 1; 0 is not a valid id.
                throw namespace.bad("id", "NVMe namespace ids start at 1");
            }
            if (!ids.add(id)) {
                throw namespace.bad("id", "namespace " + id + " is listed twice");
            }
            namespaces.add(new NvmeNamespace(id, namespace.positiveBytes("size")));
        }
        return namespaces;
    }

    private static NvmeHealth health(ConfigReader health) {
        return new NvmeHealth(
                health.nonNegativeInt("temperature"),
                health.nonNegativeLong("power_cycles", 0),
                health.nonNegativeLong("power_on_hours", 0),
                health.nonNegativeLong("unsafe_shutdowns", 0),
                health.nonNegativeLong("media_errors", 0),
                health.nonNegativeLong("error_log_entries", 0),
                health.bool("temperature_warning", false),
                health.bool("spare_warning", false),
                health.bool("reliability_warning", false),
                health.bool("read_only_warning", false));
    }
}
