package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.storage.os.MountEntry;
import dev.dockmaster.storage.os.Command;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.MountUsage;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * DAOS's SCM class {@code dcpm}: PMem modules and regions from libipmctl, namespaces from ndctl, and a format that
 * makes an ext4 filesystem on the tier's {@code /dev/pmemN} with DAOS's options and mounts it with DAX.
 *
 * <p>ndctl is only run when libipmctl reports regions: a host without PMem answers a scan without forking.
 */
final class DcpmScmProvider implements ScmProvider {

    static final String CLASS = "dcpm";
    static final String ALREADY_FORMATTED = "already formatted";

    static final int SCM_UNKNOWN = 200;
    static final int SCM_FORMAT_INVALID_DEVICE_COUNT = 202;
    static final int SCM_FORMAT_MISSING_MOUNTPOINT = 203;
    static final int SCM_PATH_ACCESS_DENIED = 207;

    /**
     * mkfs.ext4 as DAOS runs it on a pmem namespace: no reserved blocks, 4 KiB blocks, one inode per 64 MiB (DAOS
     * keeps few large files), 2 MiB-aligned stride and flex groups so DAX can use huge pages, everything initialised
     * now rather than lazily, and no discard. {@code -F} because the provider has already decided (signature check,
     * force) and mkfs must not stop at an interactive question with no terminal.
     */
    static final List<String> MKFS_OPTIONS = List.of("-q", "-F", "-D", "-L", "daos", "-m", "0", "-b", "4096",
            "-I", "128", "-i", "67108864",
            "-E", "stride=512,lazy_itable_init=0,lazy_journal_init=0,nodiscard,packed_meta_blocks=1",
            "-O", "flex_bg,^uninit_bg,^resize_inode,^extra_isize,sparse_super2,^metadata_csum", "-G", "128");

    private final Ipmctl ipmctl;
    private final Ndctl ndctl;
    private final String mountOptions;
    private final Command command;

    /** @param commandPrefix words before every mkfs/mount/umount/blkid (empty in the product) */
    DcpmScmProvider(Ipmctl ipmctl, Ndctl ndctl, String mountOptions, List<String> commandPrefix) {
        this.ipmctl = Objects.requireNonNull(ipmctl, "ipmctl");
        this.ndctl = Objects.requireNonNull(ndctl, "ndctl");
        this.mountOptions = Objects.requireNonNull(mountOptions, "mountOptions");
        this.command = new Command(commandPrefix);
    }

    @Override
    public String name() {
        return IpmctlScmProviderFactory.NAME;
    }

    @Override
    public Set<String> storageClasses() {
        return Set.of(CLASS);
    }

    @Override
    public ScmScanResult scan(ScmScanRequest request) {
        Ipmctl.Inventory inventory = ipmctl.discover();
        List<ScmModule> modules = inventory.modules();
        if (inventory.regions().isEmpty()) {
            return new ScmScanResult(modules, List.of());
        }
        List<MountEntry> mounts = MountEntry.parse(readLines(Path.of("/proc/self/mounts")));
        List<ScmNamespace> namespaces = new ArrayList<>();
        for (ScmNamespace namespace : ndctl.namespaces()) {
            String path = "/dev/" + namespace.blockDevice();
            if (request.devices().isEmpty() || request.devices().contains(path)
                    || request.devices().contains(namespace.blockDevice())) {
                namespaces.add(withMount(namespace, path, mounts));
            }
        }
        return new ScmScanResult(modules, namespaces);
    }

    /** Formatted when an ext4 is mounted at the mount point, or the tier's device holds a filesystem. */
    @Override
    public ScmFormatState formatState(ScmFormatRequest request) {
        Optional<MountEntry> mount = MountEntry.topmostAt(currentMounts(), normalise(request.mountPoint()));
        if (mount.isPresent()) {
            return new ScmFormatState(true, mount.get().fsType().equals("ext4"), mount.get().source() + " ("
                    + mount.get().fsType() + ") mounted at " + mount.get().target());
        }
        if (request.devices().size() == 1) {
            Optional<String> signature = filesystemOn(request.devices().get(0));
            if (signature.isPresent()) {
                return new ScmFormatState(false, true, signature.get() + " filesystem on "
                        + request.devices().get(0));
            }
        }
        return ScmFormatState.unformatted();
    }

    @Override
    public DeviceResult format(ScmFormatRequest request) {
        String mountPoint = check(request);
        String device = request.devices().get(0);
        Path devicePath = Path.of(device);
        if (!Files.exists(devicePath)) {
            return DeviceResult.failed(mountPoint, "pmem device " + device + " does not exist; check scm_list "
                    + "against 'ndctl list -N' (daos_server scm prepare creates the namespaces)");
        }
        if (!isBlockDevice(devicePath)) {
            return DeviceResult.failed(mountPoint, device + " is not a block device; scm_list names /dev/pmemN");
        }
        List<MountEntry> mounts = currentMounts();
        Optional<MountEntry> elsewhere = mounts.stream()
                .filter(m -> m.source().equals(device) && !m.target().equals(mountPoint)).findFirst();
        if (elsewhere.isPresent()) {
            return DeviceResult.failed(mountPoint, device + " is already mounted at " + elsewhere.get().target()
                    + "; unmount it or fix scm_list");
        }
        ScmFormatState state = formatState(request);
        if (state.mounted() && !state.formatted()) {
            return DeviceResult.failed(mountPoint, "cannot mount " + device + " at " + mountPoint + ": "
                    + state.detail() + "; unmount it or choose another scm_mount");
        }
        if (state.formatted() && !request.force()) {
            return DeviceResult.skipped(mountPoint, ALREADY_FORMATTED + " (" + state.detail() + ")");
        }
        if (state.mounted()) {
            Command.Result unmounted = command.run("umount", mountPoint);
            if (!unmounted.ok()) {
                return failure(mountPoint, "umount " + mountPoint, unmounted);
            }
        }
        List<String> mkfs = new ArrayList<>();
        mkfs.add("mkfs.ext4");
        mkfs.addAll(MKFS_OPTIONS);
        mkfs.add(device);
        Command.Result made = command.run(mkfs.toArray(String[]::new));
        if (!made.ok()) {
            return failure(mountPoint, "mkfs.ext4 " + device, made);
        }
        try {
            Files.createDirectories(Path.of(mountPoint));
        } catch (IOException e) {
            return DeviceResult.failed(mountPoint, "cannot create the mount point " + mountPoint + ": " + e);
        }
        String options = mountOptions.isBlank() ? "noatime" : mountOptions + ",noatime";
        Command.Result mounted = command.run("mount", "-t", "ext4", "-o", options, device, mountPoint);
        if (!mounted.ok()) {
            return failure(mountPoint, "mount " + device, mounted);
        }
        return DeviceResult.done(mountPoint);
    }

    @Override
    public void close() {
        ipmctl.close();
    }

    private static String check(ScmFormatRequest request) {
        if (!request.storageClass().equals(CLASS)) {
            throw new Fault("scm", SCM_UNKNOWN, "storage class '" + request.storageClass()
                    + "' cannot be formatted by the ipmctl SCM provider",
                    "set scm class dcpm with one /dev/pmemN in scm_list, or enable the provider of class '"
                            + request.storageClass() + "'");
        }
        if (request.mountPoint().isBlank() || !request.mountPoint().startsWith("/")) {
            throw new Fault("scm", SCM_FORMAT_MISSING_MOUNTPOINT, "format request must specify an absolute "
                    + "mount point, not '" + request.mountPoint() + "'", "set scm_mount to an absolute path");
        }
        if (request.devices().size() != 1) {
            throw new Fault("scm", SCM_FORMAT_INVALID_DEVICE_COUNT, "format request must have exactly 1 dcpm "
                    + "device, not " + request.devices().size(), "list exactly one /dev/pmemN in scm_list");
        }
        return normalise(request.mountPoint());
    }

    /** The filesystem type blkid finds on a device (a low-level probe, no cache), if any. */
    private Optional<String> filesystemOn(String device) {
        if (!Files.exists(Path.of(device))) {
            return Optional.empty();
        }
        Command.Result probe = command.run("blkid", "-p", "-o", "value", "-s", "TYPE", device);
        // Exit 2: nothing found. Other failures (such as no permission to read) leave the state unknown.
        return probe.ok() && !probe.output().isBlank() ? Optional.of(probe.output().lines().findFirst().orElse(""))
                : Optional.empty();
    }

    private static DeviceResult failure(String mountPoint, String what, Command.Result result) {
        String out = result.output().toLowerCase(Locale.ROOT);
        if (out.contains("permission denied") || out.contains("not permitted") || out.contains("must be superuser")
                || out.contains("only root")) {
            throw new Fault("scm", SCM_PATH_ACCESS_DENIED, "not permitted to format the dcpm tier at " + mountPoint
                    + ": " + what + " failed: " + result.output(),
                    "run daos_server as root (DAOS formats PMem through the privileged daos_server_helper)");
        }
        return DeviceResult.failed(mountPoint, what + " failed (exit " + result.exitCode() + "): "
                + result.output());
    }

    private static boolean isBlockDevice(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & 0170000) == 0060000;
        } catch (IOException e) {
            return false;
        }
    }

    private static ScmNamespace withMount(ScmNamespace namespace, String path, List<MountEntry> mounts) {
        Optional<MountUsage> usage = mounts.stream().filter(m -> m.source().equals(path)).findFirst()
                .flatMap(m -> usage(m, path));
        return new ScmNamespace(namespace.uuid(), namespace.blockDevice(), namespace.device(),
                namespace.numaNode(), namespace.sizeBytes(), usage);
    }

    private static Optional<MountUsage> usage(MountEntry mount, String device) {
        try {
            FileStore store = Files.getFileStore(Path.of(mount.target()));
            return Optional.of(new MountUsage(mount.target(), CLASS, List.of(device), store.getTotalSpace(),
                    store.getUsableSpace()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<MountEntry> currentMounts() {
        return MountEntry.parse(readLines(Path.of("/proc/self/mounts")));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalise(String mountPoint) {
        return Path.of(mountPoint).normalize().toString();
    }
}
