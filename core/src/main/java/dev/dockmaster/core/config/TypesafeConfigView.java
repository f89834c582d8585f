package dev.dockmaster.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.config.ConfigView;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link ConfigView} over a typesafe {@link Config} subtree. Getters turn typesafe's exceptions into a
 * {@link Fault} of domain {@code config} naming the full key and the file and line, so plugins need not word them.
 */
public final class TypesafeConfigView implements ConfigView {

    /** The fault domain of configuration faults raised to plugins and modules. */
    public static final String FAULT_DOMAIN = "config";

    private final Config config;
    private final String prefix;
    private final String origin;

    /**
     * @param config the subtree
     * @param prefix the subtree's path in the whole configuration ({@code plugin.spdk}), for messages; may be empty
     */
    public TypesafeConfigView(Config config, String prefix) {
        this(config, prefix, Origins.describe(config.origin()));
    }

    TypesafeConfigView(Config config, String prefix, String origin) {
        this.config = Objects.requireNonNull(config, "config");
        this.prefix = prefix == null ? "" : prefix;
        this.origin = origin;
    }

    /** An empty view, for a module or plugin without a block. */
    public static TypesafeConfigView empty(String prefix) {
        return new TypesafeConfigView(ConfigFactory.empty(), prefix, "(not configured)");
    }

    /** The underlying subtree. */
    public Config config() {
        return config;
    }

    @Override
    public boolean hasPath(String path) {
        return guard(path, () -> config.hasPath(path));
    }

    @Override
    public String getString(String path) {
        return guard(path, () -> config.getString(path));
    }

    @Override
    public int getInt(String path) {
        return guard(path, () -> config.getInt(path));
    }

    @Override
    public long getLong(String path) {
        return guard(path, () -> config.getLong(path));
    }

    @Override
    public boolean getBoolean(String path) {
        return guard(path, () -> config.getBoolean(path));
    }

    @Override
    public long getBytes(String path) {
        return guard(path, () -> config.getBytes(path));
    }

    @Override
    public List<String> getStringList(String path) {
        return guard(path, () -> List.copyOf(config.getStringList(path)));
    }

    @Override
    public ConfigView getView(String path) {
        return guard(path, () -> {
            Config sub = config.getConfig(path);
            return new TypesafeConfigView(sub, fullKey(path));
        });
    }

    @Override
    public List<ConfigView> getViewList(String path) {
        return guard(path, () -> {
            List<ConfigView> views = new ArrayList<>();
            int index = 0;
            for (ConfigObject object : config.getObjectList(path)) {
                views.add(new TypesafeConfigView(object.toConfig(), fullKey(path) + "[" + index++ + "]"));
            }
            return List.copyOf(views);
        });
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "ConfigView[" + (prefix.isEmpty() ? "(root)" : prefix) + " from " + origin + "]";
    }

    private String fullKey(String path) {
        return prefix.isEmpty() ? path : prefix + "." + path;
    }

    private <T> T guard(String path, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (ConfigException.Missing e) {
            throw fault(path, "is not set", "add '" + fullKey(path) + "' to the server configuration", e);
        } catch (ConfigException.WrongType e) {
            throw fault(path, "has the wrong type: " + e.getMessage(),
                    "correct the value of '" + fullKey(path) + "'", e);
        } catch (ConfigException.BadValue e) {
            throw fault(path, "has an invalid value: " + e.getMessage(),
                    "correct the value of '" + fullKey(path) + "'", e);
        } catch (ConfigException.BadPath e) {
            throw fault(path, "is not a valid path: " + e.getMessage(),
                    "report this to the plugin's author", e);
        } catch (ConfigException e) {
            throw fault(path, e.getMessage(), "correct the value of '" + fullKey(path) + "'", e);
        }
    }

    private Fault fault(String path, String what, String resolution, ConfigException cause) {
        return new Fault(FAULT_DOMAIN, ConfigFaultCodes.BAD_CONFIG,
                whereIs(path) + ": " + fullKey(path) + " " + what, resolution, cause);
    }

    /** The line of the value when it exists, else the block's origin. */
    private String whereIs(String path) {
        try {
            if (config.hasPathOrNull(path)) {
                ConfigValue value = config.getValue(path);
                if (value.valueType() != ConfigValueType.NULL || value.origin() != null) {
                    return Origins.describe(value.origin());
                }
            }
        } catch (ConfigException e) {
            // a path through a non-object, or a malformed path: fall back to the block's origin
        }
        return origin;
    }
}
