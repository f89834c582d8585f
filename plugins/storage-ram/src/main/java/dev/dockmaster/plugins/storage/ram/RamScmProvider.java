package dev.dockmaster.plugins.storage.ram;

import dev.dockmaster.storage.os.MountEntry;
import dev.dockmaster.storage.os.Command;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * DAOS's SCM class {@code ram}: the tier is a tmpfs of {@code scm_size} mounted at {@code scm_mount}. Formatting
 * mounts it (creating the mount point), formatting again without force is skipped because the tmpfs is there, and a
 * forced format unmounts it (dropping its content) and mounts a fresh one.
 *
 * <p>There is no hardware: a scan reports no modules and no namespaces, as DAOS does for this class.
 */
final class RamScmProvider implements ScmProvider {

    static final String CLASS = "ram";
    static final String ALREADY_FORMATTED = "SCM is already formatted";

    // DAOS fault codes (src/control/fault/code).
    static final int SCM_UNKNOWN = 200;
    static final int SCM_FORMAT_INVALID_SIZE = 201;
    static final int SCM_FORMAT_MISSING_MOUNTPOINT = 203;
    static final int SCM_PATH_ACCESS_DENIED = 207;

    private final TmpfsOptions options;
    private final HostFacts host;
    private final Command command;

    /** @param commandPrefix words before every mount/umount (empty in the product) */
    RamScmProvider(TmpfsOptions options, HostFacts host, List<String> commandPrefix) {
        this.options = Objects.requireNonNull(options, "options");
        this.host = Objects.requireNonNull(host, "host");
        this.command = new Command(commandPrefix);
    }

    @Override
    public String name() {
        return RamScmProviderFactory.NAME;
    }

    @Override
    public Set<String> storageClasses() {
        return Set.of(CLASS);
    }

    @Override
    public ScmScanResult scan(ScmScanRequest request) {
        return ScmScanResult.empty();
    }

    /** Formatted when a tmpfs is mounted at the mount point; mounted when anything is. */
    @Override
    public ScmFormatState formatState(ScmFormatRequest request) {
        Optional<MountEntry> mount = MountEntry.topmostAt(host.mounts(), normalise(request.mountPoint()));
        if (mount.isEmpty()) {
            return ScmFormatState.unformatted();
        }
        boolean tmpfs = mount.get().fsType().equals("tmpfs");
        return new ScmFormatState(true, tmpfs, mount.get().fsType() + " mounted at " + mount.get().target()
                + " (" + mount.get().options() + ")");
    }

    @Override
    public DeviceResult format(ScmFormatRequest request) {
        String mountPoint = check(request);
        ScmFormatState state = formatState(request);
        if (state.mounted() && !state.formatted()) {
            return DeviceResult.failed(mountPoint, "cannot mount a tmpfs at " + mountPoint + ": " + state.detail()
                    + "; unmount it or choose another scm_mount");
        }
        if (state.formatted() && !request.force()) {
            return DeviceResult.skipped(mountPoint, ALREADY_FORMATTED + " (" + state.detail() + ")");
        }
        checkPrivileged(mountPoint);
        checkFitsInMemory(request.sizeBytes(), state.formatted());
        if (state.formatted()) {
            Command.Result unmounted = command.run("umount", mountPoint);
            if (!unmounted.ok()) {
                return failure(mountPoint, "umount", unmounted);
            }
        }
        try {
            Files.createDirectories(Path.of(mountPoint));
        } catch (IOException e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (e instanceof java.nio.file.AccessDeniedException) {
                throw notPermitted(mountPoint, "cannot create " + mountPoint + ": " + why);
            }
            return DeviceResult.failed(mountPoint, "cannot create the mount point " + mountPoint + ": " + why);
        }
        Command.Result mounted = command.run("mount", "-t", "tmpfs", "-o", options.mountOptions(request.sizeBytes()),
                "tmpfs", mountPoint);
        if (!mounted.ok()) {
            return failure(mountPoint, "mount", mounted);
        }
        return DeviceResult.done(mountPoint);
    }

    /** Validates the request; returns its normalised mount point. */
    private static String check(ScmFormatRequest request) {
        if (!request.storageClass().equals(CLASS)) {
            throw new Fault("scm", SCM_UNKNOWN, "storage class '" + request.storageClass()
                    + "' cannot be formatted by the ram SCM provider",
                    "set scm class ram on the engine's first tier, or enable the provider of class '"
                            + request.storageClass() + "'");
        }
        if (request.mountPoint().isBlank() || !request.mountPoint().startsWith("/")) {
            throw new Fault("scm", SCM_FORMAT_MISSING_MOUNTPOINT, "format request must specify an absolute "
                    + "mount point, not '" + request.mountPoint() + "'", "set scm_mount to an absolute path");
        }
        if (request.sizeBytes() <= 0) {
            throw new Fault("scm", SCM_FORMAT_INVALID_SIZE, "format request must specify a size greater than 0",
                    "set scm_size (GiB) on the engine's ram tier");
        }
        return normalise(request.mountPoint());
    }

    private void checkPrivileged(String mountPoint) {
        if (host.effectiveUid() != 0) {
            throw notPermitted(mountPoint, "mounting a tmpfs needs root, and daos_server runs as uid "
                    + host.effectiveUid());
        }
    }

    /** The tmpfs must fit in available memory; a tmpfs being replaced gives its own memory back first. */
    private void checkFitsInMemory(long sizeBytes, boolean replacing) {
        long available = host.memAvailableBytes();
        if (sizeBytes > available && !replacing) {
            throw new Fault("scm", SCM_FORMAT_INVALID_SIZE, String.format(Locale.ROOT,
                    "scm_size %s does not fit in available memory (MemAvailable %s)", gib(sizeBytes),
                    gib(available)), "lower scm_size on the ram tier, or free memory on the host");
        }
    }

    private static DeviceResult failure(String mountPoint, String tool, Command.Result result) {
        String out = result.output().toLowerCase(Locale.ROOT);
        // mount(8) retries read-only when the kernel answers EACCES; a tmpfs is never read-only media, so
        // "cannot mount tmpfs read-only" means the kernel refused access to the mount point.
        if (out.contains("permission denied") || out.contains("not permitted") || out.contains("only root")
                || out.contains("must be superuser") || out.contains("cannot mount tmpfs read-only")) {
            throw notPermitted(mountPoint, tool + " " + mountPoint + " failed: " + result.output());
        }
        return DeviceResult.failed(mountPoint, tool + " " + mountPoint + " failed (exit " + result.exitCode() + "): "
                + result.output());
    }

    private static Fault notPermitted(String mountPoint, String why) {
        return new Fault("scm", SCM_PATH_ACCESS_DENIED, "not permitted to mount the ram tier at " + mountPoint
                + ": " + why, "run daos_server as root (DAOS mounts its tmpfs through the privileged "
                + "daos_server_helper), or mount the tmpfs at " + mountPoint + " before starting it");
    }

    private static String normalise(String mountPoint) {
        return Path.of(mountPoint).normalize().toString();
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
