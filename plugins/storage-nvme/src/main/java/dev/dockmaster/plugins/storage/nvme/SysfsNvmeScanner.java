package dev.dockmaster.plugins.storage.nvme;

import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeNamespace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists this host's NVMe controllers from sysfs alone, without SPDK or privileges, so a scan is useful on any Linux
 * host (zero controllers is a valid answer).
 *
 * <ul>
 *   <li>Controllers the kernel's nvme driver owns: {@code class/nvme/nvmeN} gives model, serial, firmware_rev,
 *       transport and the PCI function (its {@code device} link), whose {@code numa_node} is the socket DAOS
 *       reports. Namespaces are the {@code nvmeNnM} (or multipath {@code nvmeNcXnM}) entries below the controller
 *       and {@code block/nvmeNnM}: {@code nsid} and {@code size} (512-byte sectors).</li>
 *   <li>Controllers handed to a user-space driver (vfio-pci, uio_pci_generic: what SPDK uses after
 *       {@code daos_server nvme prepare}) are gone from {@code class/nvme}; they are found in {@code bus/pci/devices}
 *       by their class code (0x010802, NVM Express) with address, vendor and socket, but no model or serial: only
 *       the controller itself (through SPDK) can tell those.</li>
 * </ul>
 * Only PCIe controllers are reported: fabric-attached ones are not local devices for DAOS.
 */
final class SysfsNvmeScanner {

    private static final String NVME_CLASS_CODE = "0x010802";
    private static final Pattern CONTROLLER = Pattern.compile("nvme(\\d+)");
    private static final Pattern NAMESPACE = Pattern.compile("nvme(\\d+)(?:c\\d+)?n(\\d+)");

    private final Path sysfs;

    SysfsNvmeScanner(Path sysfs) {
        this.sysfs = sysfs;
    }

    List<NvmeController> scan() {
        Map<String, NvmeController> byAddress = new TreeMap<>();
        for (Path controller : list(sysfs.resolve("class/nvme"), CONTROLLER)) {
            fromNvmeClass(controller).ifPresent(c -> byAddress.put(c.pciAddress(), c));
        }
        for (Path function : list(sysfs.resolve("bus/pci/devices"), null)) {
            String address = function.getFileName().toString();
            if (!byAddress.containsKey(address) && NVME_CLASS_CODE.equals(read(function.resolve("class")))) {
                byAddress.put(address, new NvmeController("", "", address, "", socket(function),
                        read(function.resolve("vendor")), deviceType(address), List.of(), Optional.empty()));
            }
        }
        return List.copyOf(byAddress.values());
    }

    private Optional<NvmeController> fromNvmeClass(Path controller) {
        String transport = read(controller.resolve("transport"));
        if (!transport.isEmpty() && !transport.equals("pcie")) {
            return Optional.empty();
        }
        Path function = controller.resolve("device");
        String address = realName(function).orElse(read(controller.resolve("address")));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NvmeController(read(controller.resolve("model")), read(controller.resolve("serial")),
                address, read(controller.resolve("firmware_rev")), socket(function), read(function.resolve("vendor")),
                deviceType(address), namespaces(controller), Optional.empty()));
    }

    private List<NvmeNamespace> namespaces(Path controller) {
        String name = controller.getFileName().toString();
        Map<Integer, NvmeNamespace> byId = new LinkedHashMap<>();
        List<Path> candidates = new ArrayList<>(list(controller, NAMESPACE));
        for (Path block : list(sysfs.resolve("block"), NAMESPACE)) {
            Matcher m = NAMESPACE.matcher(block.getFileName().toString());
            if (m.matches() && ("nvme" + m.group(1)).equals(name)) {
                candidates.add(block);
            }
        }
        for (Path namespace : candidates) {
            Matcher m = NAMESPACE.matcher(namespace.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            int id = parseInt(read(namespace.resolve("nsid")), Integer.parseInt(m.group(2)));
            long sectors = parseLong(read(namespace.resolve("size")), 0);
            byId.putIfAbsent(id, new NvmeNamespace(id, sectors * 512));
        }
        return byId.values().stream().sorted(Comparator.comparingInt(NvmeNamespace::id)).toList();
    }

    /** The NUMA node of a PCI function; -1 (no NUMA) is reported as socket 0. */
    private static int socket(Path function) {
        return Math.max(0, parseInt(read(function.resolve("numa_node")), 0));
    }

    /** Devices behind an Intel VMD sit in a synthetic PCI domain wider than 16 bits ({@code 10000:01:00.0}). */
    static String deviceType(String address) {
        int colon = address.indexOf(':');
        return colon > 4 ? "vmd" : "pci";
    }

    private static Optional<String> realName(Path link) {
        try {
            return Optional.of(link.toRealPath().getFileName().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The entries of a directory (links followed later), matching the pattern if any, sorted; none if absent. */
    private static List<Path> list(Path dir, Pattern pattern) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                if (pattern == null || pattern.matcher(entry.getFileName().toString()).matches()) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return entries;
    }

    /** A sysfs attribute, trimmed; empty when absent or unreadable. */
    private static String read(Path attribute) {
        try {
            return Files.readString(attribute).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value.toLowerCase(Locale.ROOT).startsWith("0x") ? Integer.parseInt(value.substring(2), 16)
                    : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parseLong(String value, long fallback) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
