package dev.dockmaster.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link ControlConfig#locate} looks when no path is given, in order: {@code ~/.daos_control.yml},
 * {@code /etc/daos/daos_control.yml}, {@code $DOCKMASTER_HOME/conf/daos_control.yml}.
 *
 * @param userHome       the user's home directory
 * @param systemDir      normally {@code /etc/daos}
 * @param dockmasterHome from the {@code dockmaster.home} system property or the {@code DOCKMASTER_HOME} variable
 */
public record ConfigSearchPath(Path userHome, Path systemDir, Optional<Path> dockmasterHome) {

    public static ConfigSearchPath fromEnvironment() {
        String home = System.getProperty("dockmaster.home");
        if (home == null || home.isBlank()) {
            home = System.getenv("DOCKMASTER_HOME");
        }
        Optional<Path> dockmasterHome = home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
        return new ConfigSearchPath(Path.of(System.getProperty("user.home")), Path.of("/etc/daos"), dockmasterHome);
    }

    public List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        out.add(userHome.resolve("." + ControlConfig.FILE_NAME));
        out.add(systemDir.resolve(ControlConfig.FILE_NAME));
        dockmasterHome.ifPresent(h -> out.add(h.resolve("conf").resolve(ControlConfig.FILE_NAME)));
        return out;
    }
}
