package dev.dockmaster.plugins.control;

import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** An SCM provider that answers scans from a supplier (which may throw) and records every request. */
final class RecordingScmProvider implements ScmProvider {

    private final String name;
    private final Supplier<ScmScanResult> scan;
    final List<ScmScanRequest> scanCalls = new ArrayList<>();

    RecordingScmProvider(String name, Supplier<ScmScanResult> scan) {
        this.name = name;
        this.scan = scan;
    }

    static RecordingScmProvider answering(String name, ScmScanResult result) {
        return new RecordingScmProvider(name, () -> result);
    }

    static RecordingScmProvider failing(String name, RuntimeException failure) {
        return new RecordingScmProvider(name, () -> {
            throw failure;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> storageClasses() {
        return Set.of("dcpm");
    }

    @Override
    public ScmScanResult scan(ScmScanRequest request) {
        scanCalls.add(request);
        return scan.get();
    }

    @Override
    public dev.dockmaster.spi.storage.ScmFormatState formatState(ScmFormatRequest request) {
        return dev.dockmaster.spi.storage.ScmFormatState.unformatted();
    }

    @Override
    public DeviceResult format(ScmFormatRequest request) {
        throw new UnsupportedOperationException("not used by the scan tests");
    }
}
