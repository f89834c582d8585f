package dev.dockmaster.core.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which daos_engine the server runs: {@code engine_binary} from the config (relative to the installation directory),
 * else the installation's {@code bin/daos_engine} (the bundled simulator), else {@code daos_engine} on the PATH, as
 * DAOS looks next to daos_server and then on the PATH.
 */
public final class EngineBinary {
    public static final String NAME = "daos_engine";

    private EngineBinary() {
    }

    public static Path resolve(String configured, Optional<Path> home, String pathVariable) {
        if (!configured.isEmpty()) {
            Path path = Path.of(configured);
            return path.isAbsolute() ? path : home.orElse(Path.of("")).resolve(path).toAbsolutePath().normalize();
        }
        if (home.isPresent()) {
            return home.get().resolve("bin").resolve(NAME).toAbsolutePath().normalize();
        }
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, NAME);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        return Path.of(NAME).toAbsolutePath();
    }

    /** @throws dev.dockmaster.spi.Fault when the binary is missing, not a file or not executable */
    public static Path check(Path binary) {
        if (!Files.exists(binary)) {
            throw EngineFaults.engineBinary(binary, "does not exist");
        }
        if (!Files.isRegularFile(binary)) {
            throw EngineFaults.engineBinary(binary, "is not a file");
        }
        if (!Files.isExecutable(binary)) {
            throw EngineFaults.engineBinary(binary, "is not executable by this user");
        }
        return binary;
    }
}
