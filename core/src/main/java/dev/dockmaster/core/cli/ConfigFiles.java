package dev.dockmaster.core.cli;

import dev.dockmaster.core.config.InvalidConfigException;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.core.config.ServerConfigLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the server configuration comes from: {@code -o FILE}; else {@code /etc/daos/daos_server.yml} (as DAOS);
 * else {@code conf/daos_server.yml} of the installation; else the embedded default.
 */
final class ConfigFiles {
    static final Path SYSTEM_CONFIG = Path.of("/etc/daos/daos_server.yml");

    private ConfigFiles() {
    }

    /** The installation directory, from {@code -Ddockmaster.home} (set by bin/daos_server) or DOCKMASTER_HOME. */
    static Optional<Path> home() {
        String home = System.getProperty("dockmaster.home", System.getenv("DOCKMASTER_HOME"));
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
    }

    static Optional<Path> locate(Path explicit) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        List<Path> candidates = new java.util.ArrayList<>(List.of(SYSTEM_CONFIG));
        home().ifPresent(h -> candidates.add(h.resolve("conf").resolve("daos_server.yml")));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    static ServerConfig load(Path explicit, Map<String, Object> overrides) throws InvalidConfigException {
        Optional<Path> file = locate(explicit);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new InvalidConfigException(List.of(new dev.dockmaster.core.config.ConfigProblem("-o",
                    file.get().toString(), 700, "configuration file " + file.get() + " does not exist",
                    "give the path of an existing daos_server.yml (or .conf) with -o")));
        }
        return file.isPresent() ? ServerConfigLoader.load(file.get(), overrides)
                : ServerConfigLoader.loadDefault(overrides);
    }
}
