package dev.dockmaster.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the server configuration: a site file (YAML like DAOS's daos_server.yml, or HOCON) over core's
 * reference.conf, with command-line values over both; then checks it strictly and reports every problem at once.
 */
public final class ServerConfigLoader {
    private ServerConfigLoader() {
    }

    /** Classpath resource of the embedded default, also shipped as the distribution's conf/daos_server.yml. */
    public static final String DEFAULT_RESOURCE = "dev/dockmaster/core/config/default-server.yml";

    /** What {@link ServerConfig#origin()} says for the embedded default. */
    public static final String EMBEDDED_ORIGIN = "embedded default";

    /** Where command-line overrides come from, as problems show it. */
    public static final String OVERRIDES_ORIGIN = "command line";

    /**
     * Loads a file: HOCON when it ends in .conf (or .json), YAML when .yml/.yaml; over core's reference.conf.
     *
     * @param overrides command-line values by configuration path, e.g. {@code port -> 10002}; may be empty
     */
    public static ServerConfig load(Path file, Map<String, Object> overrides) throws InvalidConfigException {
        String name = file.toString();
        String lower = name.toLowerCase(Locale.ROOT);
        Problems problems = new Problems();
        if (!Files.isRegularFile(file)) {
            problems.add("(file)", name, ConfigFaultCodes.BAD_CONFIG, "configuration file not found or not a file",
                    "pass the path of an existing daos_server.yml with -o, or omit -o to use the default");
            problems.throwIfAny();
        }
        Config user;
        if (lower.endsWith(".conf") || lower.endsWith(".json")) {
            user = readHocon(file, problems);
        } else if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                user = YamlConfigReader.read(reader, name, problems);
            } catch (IOException e) {
                problems.add("(file)", name, ConfigFaultCodes.BAD_CONFIG, "cannot read the file: " + e.getMessage(),
                        "check the file's permissions");
                user = null;
            }
        } else {
            problems.add("(file)", name, ConfigFaultCodes.BAD_CONFIG,
                    "unsupported configuration file type (the name must end in .yml, .yaml or .conf)",
                    "rename the file: .yml/.yaml for YAML (DAOS syntax), .conf for HOCON");
            user = null;
        }
        return finish(user, overrides, name, problems);
    }

    /** The embedded default (resource {@value #DEFAULT_RESOURCE}). */
    public static ServerConfig loadDefault(Map<String, Object> overrides) throws InvalidConfigException {
        Problems problems = new Problems();
        InputStream in = ServerConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the core jar");
        }
        Config user;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            user = YamlConfigReader.read(reader, EMBEDDED_ORIGIN, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + DEFAULT_RESOURCE, e);
        }
        return finish(user, overrides, EMBEDDED_ORIGIN, problems);
    }

    private static ServerConfig finish(Config user, Map<String, Object> overrides, String origin, Problems problems)
            throws InvalidConfigException {
        if (user == null) {
            problems.throwIfAny(); // a syntax error: nothing after it can be trusted
        }
        Config reference = Reference.CORE;
        Config merged;
        try {
            merged = overrides(overrides, problems).withFallback(user).withFallback(reference).resolve();
        } catch (ConfigException e) {
            problems.add("(substitution)", e.origin(), ConfigFaultCodes.BAD_CONFIG, e.getMessage(),
                    "correct the ${...} substitution");
            throw new InvalidConfigException(problems.list());
        }
        ServerSettings settings = ServerConfigValidator.validate(merged, reference, problems);
        problems.throwIfAny();
        return new LoadedServerConfig(settings, merged, origin);
    }

    private static Config overrides(Map<String, Object> overrides, Problems problems) {
        if (overrides == null || overrides.isEmpty()) {
            return ConfigFactory.empty(OVERRIDES_ORIGIN);
        }
        try {
            return ConfigFactory.parseMap(overrides, OVERRIDES_ORIGIN);
        } catch (ConfigException e) {
            problems.add("(overrides)", OVERRIDES_ORIGIN, ConfigFaultCodes.BAD_CONFIG,
                    "invalid command-line value: " + e.getMessage(), "correct the command-line option");
            return ConfigFactory.empty(OVERRIDES_ORIGIN);
        }
    }

    private static Config readHocon(Path file, Problems problems) {
        try {
            ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false)
                    .setSyntax(file.toString().toLowerCase(Locale.ROOT).endsWith(".json")
                            ? ConfigSyntax.JSON : ConfigSyntax.CONF);
            return ConfigFactory.parseFile(file.toFile(), options);
        } catch (ConfigException.Parse e) {
            problems.add("(hocon)", e.origin(), ConfigFaultCodes.BAD_CONFIG, "HOCON syntax error: " + stripOrigin(e),
                    "correct the syntax at that line");
        } catch (ConfigException e) {
            problems.add("(file)", file.toString(), ConfigFaultCodes.BAD_CONFIG, e.getMessage(),
                    "check that the file exists and is readable");
        }
        return null;
    }

    /** Typesafe prefixes its messages with the origin, which the problem already shows. */
    private static String stripOrigin(ConfigException e) {
        String message = e.getMessage();
        String prefix = e.origin() == null ? null : e.origin().description() + ": ";
        return prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** Core's own reference.conf, not another jar's that happens to come first on the class path. */
    private static final class Reference {
        static final Config CORE = load();

        private static Config load() {
            try {
                List<URL> candidates = Collections.list(
                        ServerConfigLoader.class.getClassLoader().getResources("reference.conf"));
                CodeSource source = ServerConfigLoader.class.getProtectionDomain().getCodeSource();
                String home = source == null ? null : source.getLocation().toExternalForm();
                URL chosen = candidates.stream()
                        .filter(url -> home != null && url.toExternalForm().contains(home))
                        .findFirst()
                        .orElse(candidates.isEmpty() ? null : candidates.get(0));
                if (chosen == null) {
                    throw new IllegalStateException("core's reference.conf is missing from the class path");
                }
                return ConfigFactory.parseURL(chosen, ConfigParseOptions.defaults().setAllowMissing(false))
                        .resolve();
            } catch (IOException e) {
                throw new UncheckedIOException("reading reference.conf", e);
            }
        }
    }
}
