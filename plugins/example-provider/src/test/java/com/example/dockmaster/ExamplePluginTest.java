package com.example.dockmaster;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.ProviderContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExamplePluginTest {

    /** Just enough of a ConfigView for this plugin: string values by key. */
    private record StringConfig(Map<String, String> values) implements ConfigView {
        @Override public boolean hasPath(String path) { return values.containsKey(path); }
        @Override public String getString(String path) {
            if (!values.containsKey(path)) {
                throw new Fault("config", 701, "missing configuration key '" + path + "'", "add it");
            }
            return values.get(path);
        }
        @Override public int getInt(String path) { throw new UnsupportedOperationException(); }
        @Override public long getLong(String path) { throw new UnsupportedOperationException(); }
        @Override public boolean getBoolean(String path) { throw new UnsupportedOperationException(); }
        @Override public long getBytes(String path) { throw new UnsupportedOperationException(); }
        @Override public List<String> getStringList(String path) { throw new UnsupportedOperationException(); }
        @Override public ConfigView getView(String path) { throw new UnsupportedOperationException(); }
        @Override public List<ConfigView> getViewList(String path) { throw new UnsupportedOperationException(); }
        @Override public String origin() { return "test"; }
    }

    private record Context(String pluginId, ConfigView config) implements ProviderContext {
    }

    private static BdevProvider provider(Map<String, String> config) {
        DockmasterPlugin plugin = ServiceLoader.load(DockmasterPlugin.class).findFirst().orElseThrow();
        assertThat(plugin.bdevProviders()).extracting(f -> f.name()).containsExactly("example");
        return plugin.bdevProviders().get(0).create(new Context("example-provider", new StringConfig(config)));
    }

    @Test
    void reportsOneControllerWithTheConfiguredModel() {
        List<NvmeController> controllers = provider(Map.of("model", "Acme Turbo 9000"))
                .scan(BdevScanRequest.all()).controllers();

        assertThat(controllers).singleElement().satisfies(c -> {
            assertThat(c.model()).isEqualTo("Acme Turbo 9000");
            assertThat(c.pciAddress()).isEqualTo("0000:01:00.0");
            assertThat(c.namespaces()).hasSize(1);
        });
    }

    @Test
    void theDefaultModelIsInReferenceConf() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/reference.conf")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("plugin.example-provider {", "model = \"Example NVMe\"");
        }
    }

    @Test
    void aMissingModelStopsCreationWithAFault() {
        assertThatThrownBy(() -> provider(Map.of())).isInstanceOf(Fault.class).hasMessageContaining("model");
    }

    @Test
    void scanFilterAndFormatResults() {
        BdevProvider provider = provider(Map.of("model", "Example NVMe"));

        assertThat(provider.scan(new BdevScanRequest(List.of("0000:02:00.0"), false)).controllers()).isEmpty();
        assertThat(provider.format(new BdevFormatRequest(0, 1, "nvme", List.of("0000:01:00.0", "0000:02:00.0"), 0,
                false))).extracting(DeviceResult::outcome)
                .containsExactly(DeviceResult.Outcome.DONE, DeviceResult.Outcome.FAILED);
    }
}
