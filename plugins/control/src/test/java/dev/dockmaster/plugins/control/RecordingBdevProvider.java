package dev.dockmaster.plugins.control;

import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** A bdev provider that answers scans from a supplier (which may throw) and records every request. */
final class RecordingBdevProvider implements BdevProvider {

    private final String name;
    private final Supplier<BdevScanResult> scan;
    final List<BdevScanRequest> scanCalls = new ArrayList<>();

    RecordingBdevProvider(String name, Supplier<BdevScanResult> scan) {
        this.name = name;
        this.scan = scan;
    }

    static RecordingBdevProvider answering(String name, BdevScanResult result) {
        return new RecordingBdevProvider(name, () -> result);
    }

    static RecordingBdevProvider failing(String name, RuntimeException failure) {
        return new RecordingBdevProvider(name, () -> {
            throw failure;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> storageClasses() {
        return Set.of("nvme");
    }

    @Override
    public BdevScanResult scan(BdevScanRequest request) {
        scanCalls.add(request);
        return scan.get();
    }

    @Override
    public List<DeviceResult> format(BdevFormatRequest request) {
        throw new UnsupportedOperationException("not used by the scan tests");
    }
}
