package dev.dockmaster.core.plugin;

import dev.dockmaster.core.ServerFaults;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.NvmeController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginRegistryTest {
    private static final String VERSION = "0.1.0";

    @TempDir
    Path dir;

    private PluginRegistry load(PluginSelection selection) {
        return PluginRegistry.load(Optional.of(dir), VERSION, selection);
    }

    private static NvmeController probe(PluginRegistry registry) {
        LoadedPlugin plugin = registry.started().stream().filter(p -> p.id().equals("isolation-probe")).findFirst()
                .orElseThrow();
        var factory = plugin.plugin().bdevProviders().get(0);
        var config = new dev.dockmaster.core.config.TypesafeConfigView(
                com.typesafe.config.ConfigFactory.parseString("label = from-test"), "plugin.isolation-probe");
        var provider = ContextClassLoader.call(plugin.classLoader(), () -> factory.create(
                new dev.dockmaster.spi.storage.ProviderContext() {
                    public String pluginId() {
                        return plugin.id();
                    }

                    public dev.dockmaster.spi.config.ConfigView config() {
                        return config;
                    }
                }));
        return ContextClassLoader.call(plugin.classLoader(), () -> provider.scan(BdevScanRequest.all()))
                .controllers().get(0);
    }

    @Test
    void pluginUsesItsOwnLibraryVersionNotTheCores() throws Exception {
        new TestingPluginsDir(dir).withZip(TestingPluginsDir.ISOLATION_PROBE);
        try (PluginRegistry registry = load(PluginSelection.all())) {
            NvmeController seen = probe(registry);

            assertThat(seen.model()).as("snakeyaml version inside the plugin").isEqualTo("1.33");
            assertThat(coreSnakeyamlVersion()).as("snakeyaml version of the core").startsWith("2.");
        }
    }

    @Test
    void pluginCannotSeeCoreClassesButSharesTheSpi() {
        new TestingPluginsDir(dir).withZip(TestingPluginsDir.ISOLATION_PROBE);
        try (PluginRegistry registry = load(PluginSelection.all())) {
            LoadedPlugin plugin = registry.started().get(0);
            NvmeController seen = probe(registry);

            assertThat(seen.serial()).isEqualTo("core-hidden");
            assertThat(seen.firmwareRevision()).isEqualTo("tccl-plugin");
            assertThat(plugin.plugin()).isInstanceOf(dev.dockmaster.spi.DockmasterPlugin.class);
            assertThat(plugin.classLoader()).isNotSameAs(PluginRegistry.class.getClassLoader());
            assertThat(plugin.builtin()).isFalse();
        }
    }

    @Test
    void zipPluginIsExpandedAndReportsItsDescriptor() {
        new TestingPluginsDir(dir).withZip(TestingPluginsDir.ISOLATION_PROBE);
        try (PluginRegistry registry = load(PluginSelection.all())) {
            assertThat(registry.all()).singleElement().satisfies(p -> {
                assertThat(p.id()).isEqualTo("isolation-probe");
                assertThat(p.version()).isEqualTo(VERSION);
                assertThat(p.status()).isEqualTo(PluginStatus.STARTED);
                assertThat(p.description()).contains("version of the library");
            });
        }
    }

    @Test
    void disabledListSwitchesAPluginOff() {
        new TestingPluginsDir(dir).withZip(TestingPluginsDir.ISOLATION_PROBE);
        try (PluginRegistry registry = load(new PluginSelection(Set.of(), Set.of("isolation-probe"), Set.of()))) {
            assertThat(registry.all()).singleElement()
                    .satisfies(p -> assertThat(p.status()).isEqualTo(PluginStatus.DISABLED));
            assertThat(registry.started()).isEmpty();
        }
        assertThat(dir.resolve("disabled.txt")).as("pf4j's own status file is never written").doesNotExist();
    }

    @Test
    void enabledListLeavesOtherPluginsOff() {
        new TestingPluginsDir(dir).withZip(TestingPluginsDir.ISOLATION_PROBE);
        try (PluginRegistry registry = load(new PluginSelection(Set.of("something-else"), Set.of(), Set.of()))) {
            assertThat(registry.all()).singleElement()
                    .satisfies(p -> assertThat(p.status()).isEqualTo(PluginStatus.DISABLED));
        }
    }

    @Test
    void corruptJarIsReportedAndTheOtherPluginsStillStart() {
        new TestingPluginsDir(dir).withZip(TestingPluginsDir.ISOLATION_PROBE).withCorruptJar("broken.jar");
        try (PluginRegistry registry = load(PluginSelection.all())) {
            assertThat(registry.started()).extracting(LoadedPlugin::id).containsExactly("isolation-probe");
            assertThat(registry.all()).filteredOn(p -> p.status() == PluginStatus.FAILED).singleElement()
                    .satisfies(p -> {
                        assertThat(p.id()).isEqualTo("broken.jar");
                        assertThat(p.error()).contains("cannot load plugin from").contains("broken.jar");
                    });
        }
    }

    @Test
    void pluginRequiringANewerServerFailsWithTheVersionsInTheMessage() {
        new TestingPluginsDir(dir).withDescriptorOnly("future", ">=99.0.0");
        try (PluginRegistry registry = load(PluginSelection.all())) {
            assertThat(registry.all()).singleElement().satisfies(p -> {
                assertThat(p.status()).isEqualTo(PluginStatus.FAILED);
                assertThat(p.error()).contains(">=99.0.0").contains(VERSION);
            });
        }
    }

    @Test
    void pluginWithoutEntryPointFailsWithAHint() {
        new TestingPluginsDir(dir).withDescriptorOnly("hollow", ">=0.1.0");
        try (PluginRegistry registry = load(PluginSelection.all())) {
            assertThat(registry.all()).singleElement().satisfies(p -> {
                assertThat(p.status()).isEqualTo(PluginStatus.FAILED);
                assertThat(p.error()).contains("found 0").contains(PluginRegistry.SERVICE_FILE);
            });
        }
    }

    @Test
    void missingMandatoryPluginStopsTheServer() {
        assertThatThrownBy(() -> load(new PluginSelection(Set.of(), Set.of(), Set.of("control"))))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(ServerFaults.MANDATORY_PLUGIN_UNAVAILABLE);
                    assertThat(f.description()).contains("control");
                    assertThat(f.resolution()).contains("plugins.mandatory");
                });
    }

    @Test
    void failedMandatoryPluginStopsTheServer() {
        new TestingPluginsDir(dir).withDescriptorOnly("hollow", ">=0.1.0");
        assertThatThrownBy(() -> load(new PluginSelection(Set.of(), Set.of(), Set.of("hollow"))))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.description()).contains("found 0"));
    }

    @Test
    void missingPluginsDirectoryLeavesOnlyBuiltins() {
        try (PluginRegistry registry = PluginRegistry.load(Optional.of(dir.resolve("absent")), VERSION,
                PluginSelection.all())) {
            assertThat(registry.all()).allMatch(LoadedPlugin::builtin);
        }
    }

    private static String coreSnakeyamlVersion() throws Exception {
        try (InputStream in = org.yaml.snakeyaml.Yaml.class.getResourceAsStream(
                "/META-INF/maven/org.yaml/snakeyaml/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}
