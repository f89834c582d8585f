package dev.dockmaster.testplugins.isolation;

import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevProviderFactory;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.ProviderContext;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A test fixture: its bdev provider "scans" by reporting what the plugin sees of its environment, so that a core test
 * can check class-loader isolation through the ordinary SPI:
 * <ul>
 *   <li>model = the snakeyaml version this plugin's classes link against (it bundles 1.33, the core uses 2.x);</li>
 *   <li>serial = whether a core class is visible from the plugin ({@code core-visible} / {@code core-hidden});</li>
 *   <li>firmware = whether the thread context class loader is the plugin's own during the call
 *       ({@code tccl-plugin} / {@code tccl-other}).</li>
 * </ul>
 */
public final class IsolationProbePlugin implements DockmasterPlugin {

    @Override
    public List<BdevProviderFactory> bdevProviders() {
        return List.of(new BdevProviderFactory() {
            @Override
            public String name() {
                return "isolation-probe";
            }

            @Override
            public BdevProvider create(ProviderContext context) {
                return new Probe(context.config().getString("label"));
            }
        });
    }

    private record Probe(String label) implements BdevProvider {
        @Override
        public String name() {
            return "isolation-probe";
        }

        @Override
        public Set<String> storageClasses() {
            return Set.of("file");
        }

        @Override
        public BdevScanResult scan(BdevScanRequest request) {
            String yamlVersion = snakeyamlVersion();
            String core = coreVisible() ? "core-visible" : "core-hidden";
            String tccl = Thread.currentThread().getContextClassLoader() == Probe.class.getClassLoader()
                    ? "tccl-plugin" : "tccl-other";
            return new BdevScanResult(List.of(new NvmeController(yamlVersion, core, label, tccl, 0, "", "",
                    List.of(), Optional.empty())));
        }

        @Override
        public List<DeviceResult> format(BdevFormatRequest request) {
            return request.devices().stream().map(DeviceResult::done).toList();
        }

        private static String snakeyamlVersion() {
            try (InputStream in = Yaml.class.getResourceAsStream(
                    "/META-INF/maven/org.yaml/snakeyaml/pom.properties")) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            } catch (IOException | NullPointerException e) {
                return "unknown";
            }
        }

        private static boolean coreVisible() {
            try {
                Class.forName("dev.dockmaster.core.DaosServer", false, Probe.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }
}
