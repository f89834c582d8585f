package dev.dockmaster.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.dockmaster.spi.config.ConfigView;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** TEMPORARY stand-in until the config branch lands. */
public final class ServerConfigLoader {
    private ServerConfigLoader() {
    }

    public static ServerConfig load(Path file, Map<String, Object> overrides) throws InvalidConfigException {
        Config c = ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.parseFile(file.toFile()))
                .withFallback(ConfigFactory.parseResources(ServerConfigLoader.class, "/reference.conf")).resolve();
        return view(c, file.toString());
    }

    public static ServerConfig loadDefault(Map<String, Object> overrides) throws InvalidConfigException {
        Config c = ConfigFactory.parseMap(overrides)
                .withFallback(ConfigFactory.parseResources(ServerConfigLoader.class, "/reference.conf")).resolve();
        return view(c, "embedded default");
    }

    private static ServerConfig view(Config c, String origin) {
        return new ServerConfig() {
            public String systemName() { return c.getString("name"); }
            public int port() { return c.getInt("port"); }
            public List<String> accessPoints() { return c.getStringList("access_points"); }
            public String socketDir() { return c.getString("socket_dir"); }
            public int telemetryPort() { return c.getInt("telemetry_port"); }
            public String controlLogMask() { return c.getString("control_log_mask"); }
            public String controlLogFile() { return c.hasPath("control_log_file") ? c.getString("control_log_file") : ""; }
            public List<String> fabricProviders() { return List.of(); }
            public PluginsConfig plugins() {
                return new PluginsConfig(c.getString("plugins.dir"), c.getStringList("plugins.enabled"),
                        c.getStringList("plugins.disabled"), c.getStringList("plugins.mandatory"));
            }
            public boolean moduleEnabled(String m) {
                return !c.hasPath("modules." + m + ".enabled") || c.getBoolean("modules." + m + ".enabled");
            }
            public String origin() { return origin; }
            public Config raw() { return c; }
            public ConfigView pluginConfig(String id, Config ref) {
                Config sub = c.hasPath("plugin.\"" + id + "\"") ? c.getConfig("plugin.\"" + id + "\"") : ConfigFactory.empty();
                Config r = ref.hasPath("plugin.\"" + id + "\"") ? ref.getConfig("plugin.\"" + id + "\"") : ConfigFactory.empty();
                return new TypesafeConfigView(sub.withFallback(r).resolve());
            }
            public ConfigView moduleConfig(String m) {
                return new TypesafeConfigView(c.hasPath("modules." + m) ? c.getConfig("modules." + m) : ConfigFactory.empty());
            }
            public List<ConfigProblem> checkKnownNames(Set<String> mods, Set<String> ids) { return new ArrayList<>(); }
        };
    }
}
