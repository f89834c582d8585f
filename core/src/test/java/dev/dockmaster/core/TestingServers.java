package dev.dockmaster.core;

import dev.dockmaster.core.config.InvalidConfigException;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.core.config.ServerConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Server configurations for tests, written as HOCON files. */
public final class TestingServers {
    private TestingServers() {
    }

    /** A port nothing listens on now (DAOS refuses port 0 in the configuration, so tests pick one). */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A configuration on a free port with the given plugins directory and extra HOCON. */
    public static ServerConfig config(Path dir, Path pluginsDir, String extraHocon) {
        try {
            Path file = dir.resolve("daos_server.conf");
            Files.writeString(file, "transport_config.allow_insecure = true\n"
                    + "socket_dir = \"" + dir + "\"\n"
                    + "plugins.dir = \"" + pluginsDir + "\"\n" + extraHocon + "\n");
            return ServerConfigLoader.load(file, Map.of("port", freePort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
