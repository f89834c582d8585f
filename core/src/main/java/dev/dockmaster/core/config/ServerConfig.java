package dev.dockmaster.core.config;

import com.typesafe.config.Config;
import dev.dockmaster.spi.config.ConfigView;

import java.util.List;
import java.util.Set;

public interface ServerConfig {
    String systemName();

    int port();

    List<String> accessPoints();

    String socketDir();

    int telemetryPort();

    String controlLogMask();

    String controlLogFile();

    List<String> fabricProviders();

    PluginsConfig plugins();

    boolean moduleEnabled(String moduleName);

    String origin();

    Config raw();

    ConfigView pluginConfig(String pluginId, Config pluginReference) throws InvalidConfigException;

    ConfigView moduleConfig(String moduleName);

    List<ConfigProblem> checkKnownNames(Set<String> moduleNames, Set<String> pluginIds);
}
