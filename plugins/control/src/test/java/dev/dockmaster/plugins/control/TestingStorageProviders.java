package dev.dockmaster.plugins.control;

import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;

import java.util.List;

record TestingStorageProviders(List<ScmProvider> scm, List<BdevProvider> bdev) implements StorageProviders {

    static TestingStorageProviders none() {
        return new TestingStorageProviders(List.of(), List.of());
    }
}
