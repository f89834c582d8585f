package dev.dockmaster.core;

import dev.dockmaster.core.plugin.LoadedPlugin;
import dev.dockmaster.core.plugin.PluginStatus;
import dev.dockmaster.core.plugin.TestingPluginsDir;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.NvmeController;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The vendor example of docs/writing-a-plugin.md, built by Maven, loads and works as the guide says. */
class ExamplePluginTest {
    @TempDir
    Path dir;

    private DaosServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private NvmeController scanWith(String hocon) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        new TestingPluginsDir(plugins).withZip(TestingPluginsDir.EXAMPLE_PROVIDER);
        server = DaosServer.start(TestingServers.config(dir, plugins, hocon), Optional.empty());
        assertThat(server.plugins().all()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("example-provider");
            assertThat(p.status()).isEqualTo(PluginStatus.STARTED);
        });
        return server.storage().bdev().get(0).scan(BdevScanRequest.all()).controllers().get(0);
    }

    @Test
    void reportsItsControllerWithTheDefaultModel() throws Exception {
        assertThat(scanWith("").model()).isEqualTo("Example NVMe");
    }

    @Test
    void adminOverridesTheModelInThePluginBlock() throws Exception {
        assertThat(scanWith("plugin.example-provider.model = \"Acme Turbo 9000\"").model())
                .isEqualTo("Acme Turbo 9000");
    }

    @Test
    void itsPluginLoaderIsNotTheCores() throws Exception {
        scanWith("");
        LoadedPlugin plugin = server.plugins().all().get(0);
        assertThat(plugin.classLoader()).isNotSameAs(DaosServer.class.getClassLoader());
        assertThat(plugin.builtin()).isFalse();
    }
}
