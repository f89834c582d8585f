package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.NvmeController;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A bdev provider with no hardware behind it: it reports the controllers of its {@link MockBdevConfig}, fails where
 * the configuration says, and remembers which devices it formatted. An emulated {@code file} device is the exception:
 * the engine's data plane reads its capacity from the file (as DAOS's AIO emulation does), so a format creates it,
 * sparse, at the configured size when its directory exists; nothing else on the host is touched.
 */
public final class MockBdevProvider implements BdevProvider {

    static final String ALREADY_FORMATTED = "already formatted";

    private final MockBdevConfig config;
    private final List<BdevFormatRequest> formatCalls = new ArrayList<>();
    private final Set<String> formatted = new HashSet<>();

    MockBdevProvider(MockBdevConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return MockBdevProviderFactory.NAME;
    }

    @Override
    public Set<String> storageClasses() {
        return Set.of("nvme", "file", "kdev");
    }

    /** The configured controllers (only the requested ones, if any), with health only when it was asked for. */
    @Override
    public synchronized BdevScanResult scan(BdevScanRequest request) {
        config.scanFault().ifPresent(fault -> {
            throw fault.toFault();
        });
        List<NvmeController> controllers = new ArrayList<>();
        for (NvmeController controller : config.controllers()) {
            if (request.devices().isEmpty() || request.devices().contains(controller.pciAddress())) {
                controllers.add(request.health() ? controller : withoutHealth(controller));
            }
        }
        return new BdevScanResult(controllers);
    }

    /**
     * One result per device: {@code FAILED} when {@code format_failures} names it, {@code SKIPPED} when it was
     * formatted before and {@code force} is off, {@code DONE} otherwise.
     */
    @Override
    public synchronized List<DeviceResult> format(BdevFormatRequest request) {
        formatCalls.add(request);
        if (!storageClasses().contains(request.storageClass())) {
            throw new Fault("bdev", 301, "storage class '" + request.storageClass()
                    + "' cannot be formatted by the mock bdev provider",
                    "use bdev class nvme, file or kdev");
        }
        List<DeviceResult> results = new ArrayList<>();
        for (String device : request.devices()) {
            Optional<String> failure = config.formatFailures().errorFor(device);
            if (failure.isPresent()) {
                results.add(DeviceResult.failed(device, failure.get()));
            } else if (formatted.contains(device) && !request.force()) {
                results.add(DeviceResult.skipped(device, ALREADY_FORMATTED));
            } else {
                Optional<String> error = "file".equals(request.storageClass())
                        ? createSparse(device, request.sizeBytes()) : Optional.empty();
                if (error.isPresent()) {
                    results.add(DeviceResult.failed(device, error.get()));
                    continue;
                }
                formatted.add(device);
                results.add(DeviceResult.done(device));
            }
        }
        return results;
    }

    private static Optional<String> createSparse(String device, long sizeBytes) {
        java.nio.file.Path file = java.nio.file.Path.of(device);
        java.nio.file.Path dir = file.toAbsolutePath().getParent();
        if (sizeBytes <= 0 || dir == null || !java.nio.file.Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(sizeBytes);
            return Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.of("cannot create emulated bdev file " + device + ": " + e.getMessage());
        }
    }

    /** Every format request received, in order (for tests of the core). */
    public synchronized List<BdevFormatRequest> formatCalls() {
        return List.copyOf(formatCalls);
    }

    private static NvmeController withoutHealth(NvmeController c) {
        return new NvmeController(c.model(), c.serial(), c.pciAddress(), c.firmwareRevision(), c.socketId(),
                c.vendorId(), c.pciDeviceType(), c.namespaces(), Optional.empty());
    }
}
