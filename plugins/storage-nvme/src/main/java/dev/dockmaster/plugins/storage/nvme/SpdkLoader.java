package dev.dockmaster.plugins.storage.nvme;

import dev.dockmaster.spi.Fault;
import jnr.ffi.LibraryLoader;

import java.util.List;

/**
 * Loads SPDK's shared libraries on first use. SPDK is not packaged by most distributions (not by Debian), so its
 * absence is an expected state reported as a fault with the fix, never a crash.
 */
final class SpdkLoader {

    /** DAOS's "SPDK unknown" code: the SPDK bindings could not be used. */
    static final int SPDK_UNKNOWN = 800;

    private final List<String> libraries;
    private SpdkNvmeLibrary loaded;

    SpdkLoader(List<String> libraries) {
        this.libraries = List.copyOf(libraries);
    }

    synchronized SpdkNvmeLibrary load() {
        if (loaded == null) {
            LibraryLoader<SpdkNvmeLibrary> loader = LibraryLoader.create(SpdkNvmeLibrary.class).failImmediately();
            for (String library : libraries) {
                loader.library(library);
            }
            try {
                loaded = loader.load();
            } catch (LinkageError | RuntimeException e) {
                throw notAvailable(e.getMessage());
            }
        }
        return loaded;
    }

    Fault notAvailable(String why) {
        return new Fault("bdev", SPDK_UNKNOWN, "SPDK not available: cannot load " + String.join(", ", libraries)
                + " (" + firstLine(why) + ")",
                "install SPDK's shared libraries (DAOS ships them in its daos-spdk package) and set "
                        + "plugin.storage-nvme.spdk_libraries, or use bdev class file or kdev to emulate NVMe");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no detail";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
