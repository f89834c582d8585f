package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.ProviderContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/** Every bad value stops provider creation with a config fault that names the full key. */
class BadConfigTest {

    record Case(String name, String path, Object value, String key, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("negative socket", "nvme.controllers.1.socket", -1,
                        "plugin.storage-mock.nvme.controllers[1].socket", "must be 0 or more"),
                new Case("missing pci address", "nvme.controllers.0.pci_addr", null,
                        "plugin.storage-mock.nvme.controllers[0].pci_addr", "missing"),
                new Case("duplicate pci address", "nvme.controllers.1.pci_addr", "0000:5e:00.0",
                        "plugin.storage-mock.nvme.controllers[1].pci_addr", "used by another controller"),
                new Case("namespace id 0", "nvme.controllers.0.namespaces.0.id", 0,
                        "plugin.storage-mock.nvme.controllers[0].namespaces[0].id", "start at 1"),
                new Case("size that is not a size", "nvme.controllers.0.namespaces.0.size", "lots",
                        "plugin.storage-mock.nvme.controllers[0].namespaces[0].size", "byte size"),
                new Case("health without temperature", "nvme.controllers.1.health", Map.of("power_cycles", 3),
                        "plugin.storage-mock.nvme.controllers[1].health.temperature", "missing"),
                new Case("nvme scan fault without code", "nvme.scan_fault", Map.of("description", "x"),
                        "plugin.storage-mock.nvme.scan_fault.code", "missing"),
                new Case("no nvme block", "nvme", null, "plugin.storage-mock.nvme", "missing"),
                new Case("duplicate pmem block device", "scm.namespaces.1.block_device", "pmem0",
                        "plugin.storage-mock.scm.namespaces[1].block_device", "used by another namespace"),
                new Case("zero namespace size", "scm.namespaces.0.size", 0,
                        "plugin.storage-mock.scm.namespaces[0].size", "greater than 0"),
                new Case("numa node that is not a number", "scm.namespaces.0.numa_node", "zero",
                        "plugin.storage-mock.scm.namespaces[0].numa_node", "number"),
                new Case("empty module uid", "scm.modules.2.uid", " ",
                        "plugin.storage-mock.scm.modules[2].uid", "must not be empty"),
                new Case("negative scan fault code", "scm.scan_fault", Map.of("code", -4, "description", "x"),
                        "plugin.storage-mock.scm.scan_fault.code", "must be 0 or more"),
                new Case("format failures that are not a list", "scm.format_failures", "pmem0",
                        "plugin.storage-mock.scm.format_failures", "list"),
                new Case("format failure without device", "scm.format_failures",
                        java.util.List.of(Map.of("error", "x")),
                        "plugin.storage-mock.scm.format_failures[0].device", "missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badValueIsAFaultNamingTheKey(Case c) {
        ProviderContext context = TestingConfig.context(TestingConfig.edit(TestingConfig.reference(), c.path(),
                c.value()));

        assertThatThrownBy(() -> {
            if (c.path().startsWith("scm")) {
                new MockScmProviderFactory().create(context);
            } else {
                new MockBdevProviderFactory().create(context);
            }
        }).isInstanceOfSatisfying(Fault.class, fault -> {
            assertThat(fault.domain()).isEqualTo("config");
            assertThat(fault.code()).isEqualTo(701);
            assertThat(fault.description()).contains(c.key() + ":", c.problem());
            assertThat(fault.resolution()).contains(c.key());
        });
    }
}
