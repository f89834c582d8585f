package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.ScmNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NdctlTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = NdctlTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anArrayListsItsFsdaxNamespaces() throws IOException {
        assertThat(Ndctl.parse(fixture("ndctl-list-two.json"))).containsExactly(
                new ScmNamespace("a3c4f53e-7b2d-4e51-9f0a-3d1e8c6b2f47", "pmem1", "namespace1.0", 1,
                        1065151889408L, Optional.empty()),
                new ScmNamespace("842fc847-28e0-4bb6-8dfc-d24afdba1528", "pmem0", "namespace0.0", 0,
                        1065151889408L, Optional.empty()));
    }

    @Test
    void aSingleNamespaceIsAnObjectNotAnArray() throws IOException {
        assertThat(Ndctl.parse(fixture("ndctl-list-one.json"))).extracting(ScmNamespace::blockDevice)
                .containsExactly("pmem0");
    }

    @Test
    void noNamespacesIsNoOutput() {
        assertThat(Ndctl.parse("")).isEmpty();
        assertThat(Ndctl.parse("\n")).isEmpty();
    }

    @Test
    void garbledOutputIsAFault() {
        assertThatThrownBy(() -> Ndctl.parse("[{\"dev\": ")).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.code()).isEqualTo(208);
            assertThat(f.description()).startsWith("cannot read ndctl's output");
        });
    }

    /** The real ndctl of this host (installed by .ci/run): no PMem here, so no namespaces, and no error. */
    @Test
    void theRealNdctlAnswers() {
        List<ScmNamespace> namespaces = new Ndctl("ndctl", List.of()).namespaces();

        assertThat(namespaces).allSatisfy(ns -> assertThat(ns.blockDevice()).startsWith("pmem"));
    }

    @Test
    void aMissingNdctlIsAFaultWithTheFix() {
        assertThatThrownBy(() -> new Ndctl("/nonexistent/ndctl", List.of()).namespaces())
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(1);
                    assertThat(f.resolution()).contains("install ndctl");
                });
    }
}
