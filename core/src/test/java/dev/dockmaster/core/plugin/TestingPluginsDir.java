package dev.dockmaster.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Builds plugins directories for tests out of the plugin zips the build copied to target/test-plugins. */
public final class TestingPluginsDir {
    public static final String ISOLATION_PROBE = "dockmaster-test-plugin-isolation-probe.zip";
    public static final String EXAMPLE_PROVIDER = "dockmaster-plugin-example-provider.zip";

    private final Path dir;

    public TestingPluginsDir(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    public static Path builtZip(String name) {
        Path zip = Path.of(System.getProperty("test.plugins.dir", "target/test-plugins")).resolve(name);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: run the tests through Maven (generate-test-resources"
                    + " copies the plugin zips)");
        }
        return zip;
    }

    public TestingPluginsDir withZip(String name) {
        try {
            Files.copy(builtZip(name), dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A file that claims to be a plugin jar but is not a zip at all. */
    public TestingPluginsDir withCorruptJar(String name) {
        try {
            Files.writeString(dir.resolve(name), "this is not a jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A directory plugin with a descriptor but no entry point. */
    public TestingPluginsDir withDescriptorOnly(String id, String requires) {
        try {
            Path plugin = Files.createDirectories(dir.resolve(id));
            Files.createDirectories(plugin.resolve("lib"));
            Properties properties = new Properties();
            properties.setProperty("plugin.id", id);
            properties.setProperty("plugin.version", "1.0.0");
            properties.setProperty("plugin.requires", requires);
            try (var out = Files.newOutputStream(plugin.resolve("plugin.properties"))) {
                properties.store(out, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
