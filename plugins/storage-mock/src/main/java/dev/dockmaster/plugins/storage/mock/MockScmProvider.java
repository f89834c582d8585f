package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.MountUsage;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmNamespace;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An SCM provider with no hardware behind it: it reports the inventory of its {@link MockScmConfig}, fails where
 * the configuration says, and remembers what it formatted. A formatted tier is "mounted" from then on, so a usage scan
 * shows the mount on its namespaces, and formatting it again without force is skipped as DAOS does.
 */
public final class MockScmProvider implements ScmProvider {

    static final String ALREADY_FORMATTED = "already formatted";

    private final MockScmConfig config;
    private final List<ScmFormatRequest> formatCalls = new ArrayList<>();
    /** Mounts made by successful formats, by mount point. */
    private final Map<String, MountUsage> mounts = new LinkedHashMap<>();

    MockScmProvider(MockScmConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return MockScmProviderFactory.NAME;
    }

    @Override
    public Set<String> storageClasses() {
        return Set.of("dcpm", "ram");
    }

    @Override
    public synchronized ScmScanResult scan(ScmScanRequest request) {
        config.scanFault().ifPresent(fault -> {
            throw fault.toFault();
        });
        List<ScmNamespace> namespaces = new ArrayList<>();
        for (ScmNamespace namespace : config.namespaces()) {
            if (request.devices().isEmpty() || request.devices().contains(devicePath(namespace))
                    || request.devices().contains(namespace.blockDevice())) {
                namespaces.add(withMount(namespace));
            }
        }
        return new ScmScanResult(config.modules(), namespaces);
    }

    /**
     * Formats one engine's tier: {@code FAILED} when {@code format_failures} names its mount point or one of its
     * devices, {@code SKIPPED} when it was formatted before and {@code force} is off, {@code DONE} otherwise.
     */
    @Override
    public synchronized DeviceResult format(ScmFormatRequest request) {
        formatCalls.add(request);
        if (!storageClasses().contains(request.storageClass())) {
            throw new Fault("scm", 200, "storage class '" + request.storageClass()
                    + "' cannot be formatted by the mock SCM provider",
                    "use scm class dcpm or ram for the engine's first tier");
        }
        String mountPoint = request.mountPoint();
        Optional<String> failure = config.formatFailures().errorFor(mountPoint);
        for (String device : request.devices()) {
            failure = failure.or(() -> config.formatFailures().errorFor(device));
        }
        if (failure.isPresent()) {
            return DeviceResult.failed(mountPoint, failure.get());
        }
        if (mounts.containsKey(mountPoint) && !request.force()) {
            return DeviceResult.skipped(mountPoint, ALREADY_FORMATTED);
        }
        long size = request.storageClass().equals("ram") ? request.sizeBytes() : namespaceBytes(request.devices());
        mounts.put(mountPoint, new MountUsage(mountPoint, request.storageClass(), request.devices(), size, size));
        return DeviceResult.done(mountPoint);
    }

    /** Formatted once this provider formatted the mount point (the mock keeps no state across restarts). */
    @Override
    public synchronized ScmFormatState formatState(ScmFormatRequest request) {
        boolean formatted = mounts.containsKey(request.mountPoint());
        return new ScmFormatState(formatted, formatted, formatted ? "formatted by the mock provider" : "");
    }

    /** Every format request received, in order (for tests of the core). */
    public synchronized List<ScmFormatRequest> formatCalls() {
        return List.copyOf(formatCalls);
    }

    private long namespaceBytes(List<String> devices) {
        return config.namespaces().stream()
                .filter(namespace -> devices.contains(devicePath(namespace)))
                .mapToLong(ScmNamespace::sizeBytes)
                .sum();
    }

    private ScmNamespace withMount(ScmNamespace namespace) {
        Optional<MountUsage> mount = mounts.values().stream()
                .filter(usage -> usage.devices().contains(devicePath(namespace)))
                .findFirst();
        return new ScmNamespace(namespace.uuid(), namespace.blockDevice(), namespace.device(), namespace.numaNode(),
                namespace.sizeBytes(), mount);
    }

    private static String devicePath(ScmNamespace namespace) {
        return "/dev/" + namespace.blockDevice();
    }
}
