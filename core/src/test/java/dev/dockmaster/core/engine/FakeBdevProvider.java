package dev.dockmaster.core.engine;

import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A recording bdev provider: every device is done unless the test scripts another answer. */
final class FakeBdevProvider implements BdevProvider {
    private final String name;
    private final Set<String> classes;
    private final List<BdevFormatRequest> formatCalls = new ArrayList<>();
    private Function<BdevFormatRequest, List<DeviceResult>> onFormat =
            request -> request.devices().stream().map(DeviceResult::done).toList();

    FakeBdevProvider(String name, String... classes) {
        this.name = name;
        this.classes = Set.of(classes);
    }

    FakeBdevProvider onFormat(Function<BdevFormatRequest, List<DeviceResult>> behaviour) {
        this.onFormat = behaviour;
        return this;
    }

    synchronized List<BdevFormatRequest> formatCalls() {
        return List.copyOf(formatCalls);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> storageClasses() {
        return classes;
    }

    @Override
    public BdevScanResult scan(BdevScanRequest request) {
        return BdevScanResult.empty();
    }

    @Override
    public List<DeviceResult> format(BdevFormatRequest request) {
        synchronized (this) {
            formatCalls.add(request);
        }
        return onFormat.apply(request);
    }
}
