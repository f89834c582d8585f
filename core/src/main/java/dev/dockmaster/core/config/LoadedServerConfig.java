package dev.dockmaster.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.dockmaster.spi.config.ConfigView;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The {@link ServerConfig} that {@link ServerConfigLoader} returns: validated settings plus the raw tree. */
final class LoadedServerConfig implements ServerConfig {

    private final ServerSettings settings;
    private final Config raw;
    private final String origin;

    LoadedServerConfig(ServerSettings settings, Config raw, String origin) {
        this.settings = settings;
        this.raw = raw;
        this.origin = origin;
    }

    // @formatter:off
    @Override public String systemName() { return settings.systemName(); }
    @Override public int port() { return settings.port(); }
    @Override public List<String> accessPoints() { return settings.accessPoints(); }
    @Override public TransportConfig transport() { return settings.transport(); }
    @Override public String socketDir() { return settings.socketDir(); }
    @Override public int telemetryPort() { return settings.telemetryPort(); }
    @Override public String controlLogMask() { return settings.controlLogMask(); }
    @Override public String controlLogFile() { return settings.controlLogFile(); }
    @Override public boolean controlLogJson() { return settings.controlLogJson(); }
    @Override public String helperLogFile() { return settings.helperLogFile(); }
    @Override public String firmwareHelperLogFile() { return settings.firmwareHelperLogFile(); }
    @Override public List<String> fabricProviders() { return settings.fabricProviders(); }
    @Override public String fabricIface() { return settings.fabricIface(); }
    @Override public int fabricIfacePort() { return settings.fabricIfacePort(); }
    @Override public int crtTimeout() { return settings.crtTimeout(); }
    @Override public boolean disableSrx() { return settings.disableSrx(); }
    @Override public String fabricAuthKey() { return settings.fabricAuthKey(); }
    @Override public List<String> clientEnvVars() { return settings.clientEnvVars(); }
    @Override public String faultPath() { return settings.faultPath(); }
    @Override public String faultCb() { return settings.faultCb(); }
    @Override public int nrHugepages() { return settings.nrHugepages(); }
    @Override public boolean disableHugepages() { return settings.disableHugepages(); }
    @Override public boolean allowThp() { return settings.allowThp(); }
    @Override public int systemRamReserved() { return settings.systemRamReserved(); }
    @Override public ControlMetadata controlMetadata() { return settings.controlMetadata(); }
    @Override public List<String> bdevExclude() { return settings.bdevExclude(); }
    @Override public boolean disableVfio() { return settings.disableVfio(); }
    @Override public boolean disableVmd() { return settings.disableVmd(); }
    @Override public boolean enableHotplug() { return settings.enableHotplug(); }
    @Override public boolean hyperthreads() { return settings.hyperthreads(); }
    @Override public int coreDumpFilter() { return settings.coreDumpFilter(); }
    @Override public List<EngineConfig> engines() { return settings.engines(); }
    @Override public PluginsConfig plugins() { return settings.plugins(); }
    @Override public String engineBinary() { return settings.engineBinary(); }
    @Override public String origin() { return origin; }
    @Override public Config raw() { return raw; }
    // @formatter:on

    /** The typed values, for tests and for comparing two loads. */
    ServerSettings settings() {
        return settings;
    }

    @Override
    public boolean moduleEnabled(String moduleName) {
        String path = ConfigUtil.joinPath("modules", moduleName, "enabled");
        if (!raw.hasPath(path)) {
            return true;
        }
        ConfigValue value = raw.getValue(path);
        if (value.valueType() == ConfigValueType.BOOLEAN) {
            return (Boolean) value.unwrapped();
        }
        // validated at load time: the only other accepted spellings are yes/no/on/off/true/false strings
        return List.of("true", "yes", "on").contains(String.valueOf(value.unwrapped()).toLowerCase(Locale.ROOT));
    }

    @Override
    public ConfigView pluginConfig(String pluginId, Config pluginReference) throws InvalidConfigException {
        String path = ConfigUtil.joinPath("plugin", pluginId);
        String prefix = "plugin." + pluginId;
        Config block = raw.hasPath(path) ? raw.getConfig(path) : ConfigFactory.empty();
        Problems problems = new Problems();
        checkAgainstReference(prefix, block.root(), pluginReference.root(), problems);
        Config merged = null;
        try {
            merged = block.withFallback(pluginReference).resolve();
        } catch (ConfigException e) {
            problems.add(prefix, e.origin(), ConfigFaultCodes.BAD_CONFIG,
                    "cannot resolve the plugin configuration: " + e.getMessage(),
                    "correct the ${...} substitutions in the block");
        }
        problems.throwIfAny();
        String where = raw.hasPath(path) ? Origins.describe(raw.getValue(path).origin())
                : "reference of plugin " + pluginId;
        return new TypesafeConfigView(merged, prefix, where);
    }

    @Override
    public ConfigView moduleConfig(String moduleName, Config moduleReference) throws InvalidConfigException {
        String path = ConfigUtil.joinPath("modules", moduleName);
        String prefix = "modules." + moduleName;
        // Every module block may switch its module off, whatever the module declares.
        Config reference = moduleReference.withFallback(ConfigFactory.parseMap(java.util.Map.of("enabled", true)));
        Problems problems = new Problems();
        Config block = ConfigFactory.empty();
        if (raw.hasPath(path)) {
            if (raw.getValue(path).valueType() != ConfigValueType.OBJECT) {
                return moduleConfig(moduleName); // the schema check reports a non-block value
            }
            block = raw.getConfig(path);
        }
        checkAgainstReference(prefix, block.root(), reference.root(), problems);
        problems.throwIfAny();
        String where = raw.hasPath(path) ? Origins.describe(raw.getValue(path).origin())
                : "reference of module " + moduleName;
        return new TypesafeConfigView(block.withFallback(reference).resolve(), prefix, where);
    }

    @Override
    public ConfigView moduleConfig(String moduleName) {
        String path = ConfigUtil.joinPath("modules", moduleName);
        String prefix = "modules." + moduleName;
        if (!raw.hasPath(path) || raw.getValue(path).valueType() != ConfigValueType.OBJECT) {
            return TypesafeConfigView.empty(prefix);
        }
        return new TypesafeConfigView(raw.getConfig(path), prefix,
                Origins.describe(raw.getValue(path).origin()));
    }

    @Override
    public List<ConfigProblem> checkKnownNames(Set<String> moduleNames, Set<String> pluginIds) {
        Problems problems = new Problems();
        unknownBlocks("modules", "module", moduleNames, problems);
        unknownBlocks("plugin", "plugin", pluginIds, problems);
        for (String list : List.of("enabled", "disabled", "mandatory")) {
            String path = "plugins." + list;
            if (!raw.hasPath(path) || raw.getValue(path).valueType() != ConfigValueType.LIST) {
                continue;
            }
            for (ConfigValue item : (ConfigList) raw.getValue(path)) {
                String id = String.valueOf(item.unwrapped());
                if (!pluginIds.contains(id)) {
                    problems.add(path, item.origin(), ConfigFaultCodes.BAD_CONFIG,
                            "no plugin with id \"" + id + "\"" + DidYouMean.hint(id, pluginIds)
                                    + "; installed plugins: " + listOrNone(pluginIds),
                            "correct the plugin id, or install the plugin in '" + settings.plugins().dir() + "'");
                }
            }
        }
        return problems.list();
    }

    private void unknownBlocks(String blockKey, String what, Set<String> known, Problems problems) {
        if (!raw.hasPath(blockKey) || raw.getValue(blockKey).valueType() != ConfigValueType.OBJECT) {
            return;
        }
        ConfigObject blocks = raw.getObject(blockKey);
        for (String name : blocks.keySet()) {
            if (!known.contains(name)) {
                problems.add(blockKey + "." + name, blocks.get(name).origin(), ConfigFaultCodes.BAD_CONFIG,
                        "no " + what + " named \"" + name + "\"" + DidYouMean.hint(name, known) + "; known "
                                + what + "s: " + listOrNone(known),
                        "correct the name or remove the '" + blockKey + "." + name + "' block");
            }
        }
    }

    private static String listOrNone(Set<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(names));
    }

    /** Keys the reference does not define, and values whose kind contradicts the reference's, are problems. */
    static void checkAgainstReference(String prefix, ConfigObject block, ConfigObject reference, Problems problems) {
        for (String key : block.keySet()) {
            ConfigValue value = block.get(key);
            String keyPath = prefix + "." + key;
            ConfigValue expected = reference.get(key);
            if (expected == null) {
                problems.add(keyPath, value.origin(), ConfigFaultCodes.BAD_CONFIG,
                        "unknown key \"" + key + "\"" + DidYouMean.hint(key, reference.keySet()) + "; valid keys in "
                                + prefix + ": " + listOrNone(reference.keySet()),
                        "remove or rename the key; the plugin's reference.conf lists its settings");
                continue;
            }
            String mismatch = kindMismatch(expected, value);
            if (mismatch != null) {
                problems.add(keyPath, value.origin(), ConfigFaultCodes.BAD_CONFIG,
                        "must be " + mismatch + ", found " + Block.describe(value),
                        "write " + mismatch + " (default: " + expected.render() + ")");
            } else if (expected instanceof ConfigObject expectedObject && value instanceof ConfigObject object) {
                checkAgainstReference(keyPath, object, expectedObject, problems);
            }
        }
    }

    private static String kindMismatch(ConfigValue expected, ConfigValue actual) {
        ConfigValueType want = expected.valueType();
        ConfigValueType have = actual.valueType();
        if (want == ConfigValueType.NULL || have == ConfigValueType.NULL || want == have) {
            return null; // a null default declares an optional key of any kind
        }
        return switch (want) {
            case OBJECT -> "a block";
            case LIST -> "a list";
            case NUMBER -> have == ConfigValueType.STRING && isNumber((String) actual.unwrapped())
                    ? null : "a number";
            case BOOLEAN -> have == ConfigValueType.STRING && isBoolean((String) actual.unwrapped())
                    ? null : "true or false";
            case STRING -> have == ConfigValueType.NUMBER || have == ConfigValueType.BOOLEAN ? null : "a text value";
            default -> null;
        };
    }

    /** A number, possibly with a unit ({@code 512MiB}, {@code 30s}), which typesafe's getters accept. */
    private static boolean isNumber(String text) {
        return text.trim().matches("-?[0-9]+(\\.[0-9]+)?\\s*[a-zA-Z]*");
    }

    private static boolean isBoolean(String text) {
        return List.of("true", "false", "yes", "no", "on", "off").contains(text.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "ServerConfig[" + origin + ", name=" + systemName() + ", port=" + port() + ", engines="
                + engines().size() + "]";
    }
}
