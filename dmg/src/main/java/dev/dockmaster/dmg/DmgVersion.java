package dev.dockmaster.dmg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions dmg reports, from a resource the build fills in. */
final class DmgVersion {
    static final String DAOS;
    static final String DOCKMASTER;

    static {
        Properties p = new Properties();
        try (InputStream in = DmgVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DAOS = p.getProperty("daos.version", dev.dockmaster.client.DaosWire.VERSION);
        DOCKMASTER = p.getProperty("dockmaster.version", "unknown");
    }

    private DmgVersion() {
    }
}
