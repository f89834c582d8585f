package dev.dockmaster.core.engine;

import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A recording SCM provider: it formats by remembering the mount point (formatted from then on), answers
 * {@code formatState} from that memory, and lets a test script the result of each format.
 */
final class FakeScmProvider implements ScmProvider {
    private final String name;
    private final Set<String> classes;
    private final Set<String> formatted = new HashSet<>();
    private final List<ScmFormatRequest> formatCalls = new ArrayList<>();
    private Function<ScmFormatRequest, DeviceResult> onFormat = request -> DeviceResult.done(request.mountPoint());

    FakeScmProvider(String name, String... classes) {
        this.name = name;
        this.classes = Set.of(classes);
    }

    FakeScmProvider onFormat(Function<ScmFormatRequest, DeviceResult> behaviour) {
        this.onFormat = behaviour;
        return this;
    }

    synchronized FakeScmProvider alreadyFormatted(String mountPoint) {
        formatted.add(mountPoint);
        return this;
    }

    synchronized List<ScmFormatRequest> formatCalls() {
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
    public ScmScanResult scan(ScmScanRequest request) {
        return ScmScanResult.empty();
    }

    @Override
    public synchronized ScmFormatState formatState(ScmFormatRequest request) {
        boolean done = formatted.contains(request.mountPoint());
        return new ScmFormatState(done, done, "");
    }

    @Override
    public DeviceResult format(ScmFormatRequest request) {
        synchronized (this) {
            formatCalls.add(request);
        }
        DeviceResult result = onFormat.apply(request);
        if (result.outcome() == DeviceResult.Outcome.DONE) {
            synchronized (this) {
                formatted.add(request.mountPoint());
            }
        }
        return result;
    }
}
