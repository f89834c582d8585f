package dev.dockmaster.spi.storage;

import java.util.List;

/** The providers the server created from every enabled plugin. */
public interface StorageProviders {

    List<ScmProvider> scm();

    List<BdevProvider> bdev();
}
