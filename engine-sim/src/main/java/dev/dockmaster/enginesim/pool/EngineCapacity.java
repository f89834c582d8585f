package dev.dockmaster.enginesim.pool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one engine's storage holds, read from the real system each time it is asked: SCM is the size of the filesystem
 * under {@code scm_mount} (statvfs), NVMe the sum of the bdevs the server listed in the engine's SPDK config
 * ({@code daos_nvme.conf}, written by daos_server at format): a file's length for AIO files, the kernel's size for
 * block devices and PCI NVMe controllers (sysfs). A device whose size cannot be read counts as 0 and is reported.
 */
public final class EngineCapacity {
    /** One entry of the SPDK bdev subsystem: {"params": {...}, "method": "..."} without nested objects. */
    private static final Pattern METHOD = Pattern.compile(
            "\\{\\s*\"params\"\\s*:\\s*\\{([^{}]*)}\\s*,\\s*\"method\"\\s*:\\s*\"([^\"]+)\"\\s*}");
    private static final Pattern FILENAME = Pattern.compile("\"filename\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TRADDR = Pattern.compile("\"traddr\"\\s*:\\s*\"([^\"]*)\"");
    private static final long SECTOR = 512;

    private final Path scmMount;
    private final Path nvmeConfig;
    private final Path sysfs;

    public EngineCapacity(Path scmMount, Path nvmeConfig, Path sysfs) {
        this.scmMount = scmMount;
        this.nvmeConfig = nvmeConfig;
        this.sysfs = sysfs;
    }

    /** Bytes per tier and what could not be measured. */
    public record Tiers(long scm, long nvme, List<String> problems) {
    }

    public Tiers measure() {
        List<String> problems = new ArrayList<>();
        long scm = 0;
        try {
            scm = Files.getFileStore(scmMount).getTotalSpace();
        } catch (IOException e) {
            problems.add("cannot statvfs scm_mount " + scmMount + ": " + e.getMessage());
        }
        return new Tiers(scm, nvme(problems), List.copyOf(problems));
    }

    private long nvme(List<String> problems) {
        if (!Files.exists(nvmeConfig)) {
            return 0; // an engine without bdev tiers has no config: no NVMe tier
        }
        String text;
        try {
            text = Files.readString(nvmeConfig);
        } catch (IOException e) {
            problems.add("cannot read " + nvmeConfig + ": " + e.getMessage());
            return 0;
        }
        long total = 0;
        Matcher m = METHOD.matcher(text);
        while (m.find()) {
            String params = m.group(1);
            switch (m.group(2)) {
                case "bdev_aio_create" -> {
                    Matcher f = FILENAME.matcher(params);
                    if (f.find()) {
                        total += aioSize(Path.of(f.group(1).replace("\\\"", "\"").replace("\\\\", "\\")), problems);
                    }
                }
                case "bdev_nvme_attach_controller" -> {
                    Matcher a = TRADDR.matcher(params);
                    if (a.find()) {
                        total += pciNvmeSize(a.group(1), problems);
                    }
                }
                default -> {
                    // option blocks (bdev_set_options, hotplug ...)
                }
            }
        }
        return total;
    }

    private long aioSize(Path file, List<String> problems) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.size(file);
            }
            if (Files.exists(file)) { // a kernel block device: its size in 512-byte sectors
                String name = file.toRealPath().getFileName().toString();
                return sectors(sysfs.resolve("class/block").resolve(name).resolve("size"), problems);
            }
            problems.add("bdev " + file + " does not exist");
        } catch (IOException e) {
            problems.add("cannot size bdev " + file + ": " + e.getMessage());
        }
        return 0;
    }

    /** A PCI NVMe controller: the namespaces the kernel sees under its sysfs node. */
    private long pciNvmeSize(String traddr, List<String> problems) {
        Path controllers = sysfs.resolve("bus/pci/devices").resolve(traddr).resolve("nvme");
        long total = 0;
        try (DirectoryStream<Path> ctrls = Files.newDirectoryStream(controllers)) {
            for (Path ctrl : ctrls) {
                try (DirectoryStream<Path> nss = Files.newDirectoryStream(ctrl, ctrl.getFileName() + "n*")) {
                    for (Path ns : nss) {
                        total += sectors(ns.resolve("size"), problems);
                    }
                }
            }
        } catch (IOException e) {
            problems.add("cannot size NVMe controller " + traddr + " (bound to a userspace driver?): " + e);
        }
        return total;
    }

    private static long sectors(Path sizeFile, List<String> problems) {
        try {
            return Long.parseLong(Files.readString(sizeFile).trim()) * SECTOR;
        } catch (IOException | NumberFormatException e) {
            problems.add("cannot read " + sizeFile + ": " + e.getMessage());
            return 0;
        }
    }
}
