package dev.dockmaster.core.grpc;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import dev.dockmaster.core.config.ConfigProblem;
import dev.dockmaster.core.config.InvalidConfigException;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.core.plugin.ContextClassLoader;
import dev.dockmaster.core.plugin.LoadedPlugin;
import dev.dockmaster.core.plugin.PluginRegistry;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code modules.<name>} blocks of the server config, checked against what each module declares: the
 * {@code modules.<name>} block of its plugin's {@code reference.conf} (defaults and, by their presence, the valid
 * keys). Checked for every enabled plugin's modules before anything is created, as plugin blocks are
 * ({@link dev.dockmaster.core.plugin.PluginConfigs}), so a misspelt module setting stops the start with its file and
 * line instead of being silently ignored.
 */
public final class ModuleConfigs {
    private ModuleConfigs() {
    }

    /** The module's declared settings: {@code modules.<name>} of the {@code reference.conf} {@code loader} sees. */
    public static Config reference(ClassLoader loader, String moduleName) {
        Config all = ContextClassLoader.call(loader, () -> ConfigFactory.parseResources(loader, "reference.conf",
                ConfigParseOptions.defaults().setAllowMissing(true)));
        String block = ConfigUtil.joinPath("modules", moduleName);
        return all.hasPath(block) ? all.getConfig(block) : ConfigFactory.empty();
    }

    /** Checks the block of the core's own module and of every module of every started plugin; all problems at once. */
    public static void check(ServerConfig config, PluginRegistry plugins) throws InvalidConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            config.moduleConfig(ServerModule.NAME, reference(ModuleConfigs.class.getClassLoader(), ServerModule.NAME));
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        for (LoadedPlugin plugin : plugins.started()) {
            List<GrpcModuleFactory> factories = ContextClassLoader.call(plugin.classLoader(),
                    () -> plugin.plugin().grpcModules());
            for (GrpcModuleFactory factory : factories) {
                try {
                    config.moduleConfig(factory.name(), reference(plugin.classLoader(), factory.name()));
                } catch (InvalidConfigException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /** The module's view for creating it; its block was checked by {@link #check} before. */
    static ConfigView view(ServerConfig config, String moduleName, ClassLoader loader) {
        try {
            return config.moduleConfig(moduleName, reference(loader, moduleName));
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException("invalid configuration of module " + moduleName + ":\n"
                    + e.getMessage(), e);
        }
    }
}
