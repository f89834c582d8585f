package dev.dockmaster.spi.storage;

import java.util.List;

/** Modules (DIMMs) and the namespaces (block devices) built on them. */
public record ScmScanResult(List<ScmModule> modules, List<ScmNamespace> namespaces) {
    public ScmScanResult {
        modules = List.copyOf(modules);
        namespaces = List.copyOf(namespaces);
    }

    public static ScmScanResult empty() {
        return new ScmScanResult(List.of(), List.of());
    }
}
