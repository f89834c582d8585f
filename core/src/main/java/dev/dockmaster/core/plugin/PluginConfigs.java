package dev.dockmaster.core.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import dev.dockmaster.core.config.ConfigProblem;
import dev.dockmaster.core.config.InvalidConfigException;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.spi.config.ConfigView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of every started plugin: its {@code plugin.<id>} block in the server config over the defaults in
 * the plugin's own {@code reference.conf}. Built before anything is created, so a wrong key in any plugin block
 * stops the server before it opens a port, with every problem listed at once.
 */
public final class PluginConfigs {
    private final Map<String, ConfigView> views;

    private PluginConfigs(Map<String, ConfigView> views) {
        this.views = views;
    }

    public static PluginConfigs resolve(ServerConfig config, PluginRegistry plugins) throws InvalidConfigException {
        Map<String, ConfigView> views = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (LoadedPlugin plugin : plugins.started()) {
            Config reference = ContextClassLoader.call(plugin.classLoader(), () -> ConfigFactory.parseResources(
                    plugin.classLoader(), "reference.conf", ConfigParseOptions.defaults().setAllowMissing(true)));
            String block = ConfigUtil.joinPath("plugin", plugin.id());
            Config defaults = reference.hasPath(block) ? reference.getConfig(block) : ConfigFactory.empty();
            try {
                views.put(plugin.id(), config.pluginConfig(plugin.id(), defaults));
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new PluginConfigs(views);
    }

    public ConfigView of(String pluginId) {
        ConfigView view = views.get(pluginId);
        if (view == null) {
            throw new IllegalArgumentException("no started plugin " + pluginId);
        }
        return view;
    }
}
