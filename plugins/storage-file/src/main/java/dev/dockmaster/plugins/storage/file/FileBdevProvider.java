package dev.dockmaster.plugins.storage.file;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeNamespace;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * DAOS's emulated NVMe: bdev class {@code file} (a file of {@code bdev_size} per {@code bdev_list} entry, which the
 * engine uses through SPDK's AIO bdev) and {@code kdev} (a kernel block device used the same way).
 *
 * <p>Format of a {@code file} device allocates the file (fallocate, as DAOS does) with mode 0600, owned by the user
 * daos_server runs as; a file that exists already is skipped unless forced, then it is emptied and allocated again.
 * Format of a {@code kdev} device only checks that it is a block device: DAOS leaves its content to the engine.
 *
 * <p>Emulated devices are not discovered: as in DAOS, they appear in a scan only when the request names them (the
 * configured {@code bdev_list}), one controller per existing device, its path in place of a PCI address.
 */
final class FileBdevProvider implements BdevProvider {

    static final String FILE = "file";
    static final String KDEV = "kdev";
    static final String ALREADY_FORMATTED = "already formatted";

    // DAOS fault codes (src/control/fault/code).
    static final int BDEV_FORMAT_UNKNOWN_CLASS = 301;
    static final int BDEV_FORMAT_FAILURE = 302;

    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private final Path sysfs;

    /** @param sysfs where sysfs is mounted, for block device sizes */
    FileBdevProvider(Path sysfs) {
        this.sysfs = Objects.requireNonNull(sysfs, "sysfs");
    }

    @Override
    public String name() {
        return FileBdevProviderFactory.NAME;
    }

    @Override
    public Set<String> storageClasses() {
        return Set.of(FILE, KDEV);
    }

    @Override
    public BdevScanResult scan(BdevScanRequest request) {
        List<NvmeController> controllers = new ArrayList<>();
        for (String device : request.devices()) {
            Path path = Path.of(device);
            try {
                if (isBlockDevice(path)) {
                    controllers.add(emulated(device, "kdev", blockDeviceBytes(path)));
                } else if (Files.isRegularFile(path)) {
                    controllers.add(emulated(device, "file", Files.size(path)));
                }
            } catch (IOException e) {
                // Gone between the checks, or unreadable: not a device this host shows.
            }
        }
        return new BdevScanResult(controllers);
    }

    @Override
    public List<DeviceResult> format(BdevFormatRequest request) {
        boolean file = switch (request.storageClass()) {
            case FILE -> true;
            case KDEV -> false;
            default -> throw new Fault("bdev", BDEV_FORMAT_UNKNOWN_CLASS, "storage class '"
                    + request.storageClass() + "' cannot be formatted by the file bdev provider",
                    "use bdev class file or kdev for emulated NVMe, or enable the provider of class '"
                            + request.storageClass() + "'");
        };
        if (file && request.sizeBytes() <= 0) {
            throw new Fault("bdev", BDEV_FORMAT_FAILURE, "bdev class file needs a size greater than 0, not "
                    + request.sizeBytes(), "set bdev_size (GiB) on the engine's file tier");
        }
        List<DeviceResult> results = new ArrayList<>(request.devices().size());
        for (String device : request.devices()) {
            results.add(file ? formatFile(device, request.sizeBytes(), request.force()) : checkKdev(device));
        }
        return results;
    }

    private static DeviceResult formatFile(String device, long size, boolean force) {
        Path path = Path.of(device);
        if (!path.isAbsolute()) {
            return DeviceResult.failed(device, "bdev_list entry '" + device + "' is not an absolute path");
        }
        if (Files.isDirectory(path)) {
            return DeviceResult.failed(device, device + " is a directory, not a file");
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !force) {
            return DeviceResult.skipped(device, ALREADY_FORMATTED + " (" + describeExisting(path) + ")");
        }
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return DeviceResult.failed(device, "cannot create " + device + ": directory " + parent
                    + " does not exist; create it or fix bdev_list");
        }
        try {
            Files.deleteIfExists(path);
            Files.createFile(path, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (AccessDeniedException e) {
            return DeviceResult.failed(device, "cannot create " + device + ": permission denied; run daos_server "
                    + "as a user that may write to " + parent + ", or fix bdev_list");
        } catch (IOException e) {
            return DeviceResult.failed(device, "cannot create " + device + ": " + describe(e));
        }
        return Allocator.allocate(path, size)
                .map(error -> {
                    deleteQuietly(path);
                    return DeviceResult.failed(device, error);
                })
                .orElse(DeviceResult.done(device));
    }

    private DeviceResult checkKdev(String device) {
        Path path = Path.of(device);
        if (!Files.exists(path)) {
            return DeviceResult.failed(device, "kernel block device " + device + " does not exist; fix bdev_list");
        }
        try {
            if (!isBlockDevice(path)) {
                return DeviceResult.failed(device, device + " is not a block device; bdev class kdev needs kernel "
                        + "block devices (use class file for files)");
            }
        } catch (IOException e) {
            return DeviceResult.failed(device, "cannot inspect " + device + ": " + describe(e));
        }
        // DAOS does not write to a kdev at format: the engine owns its content.
        return DeviceResult.done(device);
    }

    static boolean isBlockDevice(Path path) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode");
        return (mode & S_IFMT) == S_IFBLK;
    }

    /** 512-byte sectors from {@code /sys/class/block/<name>/size}. */
    private long blockDeviceBytes(Path device) throws IOException {
        Path real = device.toRealPath();
        Path size = sysfs.resolve("class/block").resolve(real.getFileName().toString()).resolve("size");
        try {
            return Long.parseLong(Files.readString(size).trim()) * 512;
        } catch (NoSuchFileException | NumberFormatException e) {
            return 0;
        }
    }

    private static NvmeController emulated(String device, String kind, long bytes) {
        CRC32 crc = new CRC32();
        crc.update(device.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // A stable serial per path, so tools that group by serial keep emulated devices apart.
        String serial = String.format(Locale.ROOT, "AIO%08x", crc.getValue());
        return new NvmeController("AIO " + kind, serial, device, "", 0, "", "",
                List.of(new NvmeNamespace(1, bytes)), Optional.empty());
    }

    private static String describeExisting(Path path) {
        try {
            return "a file of " + Files.size(path) + " bytes exists";
        } catch (IOException e) {
            return "it exists";
        }
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort: the failure already says what went wrong.
        }
    }
}
