package dev.dockmaster.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions baked in at build time.
 *
 * @param version Dockmaster's release version (the version plugins declare in {@code plugin.requires})
 * @param daosVersion the DAOS release whose wire protocol this build speaks
 */
public record BuildInfo(String version, String daosVersion) {

    private static final BuildInfo CURRENT = read();

    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo read() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties missing from the core jar: the build is broken");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(properties.getProperty("version"), properties.getProperty("daos.version"));
    }
}
