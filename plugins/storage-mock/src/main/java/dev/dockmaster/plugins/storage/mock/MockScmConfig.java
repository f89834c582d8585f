package dev.dockmaster.plugins.storage.mock;

import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the mock SCM provider pretends this host has, and how it misbehaves: the {@code scm} block of
 * {@code plugin.storage-mock}.
 *
 * <pre>
 * scm {
 *   modules = [{ channel_id, channel_position, controller_id, socket_id, physical_id, capacity, uid,
 *                part_number, firmware_revision, health_state }]
 *   namespaces = [{ uuid, block_device, device, numa_node, size }]
 *   scan_fault { code, description, resolution }          # optional: every scan fails with this fault
 *   format_failures = [{ device, error, code, resolution }] # a mount point or /dev/pmemN; code: a fault
 * }
 * </pre>
 */
record MockScmConfig(List<ScmModule> modules, List<ScmNamespace> namespaces, Optional<InjectedFault> scanFault,
                     FormatFailures formatFailures) {

    MockScmConfig {
        modules = List.copyOf(modules);
        namespaces = List.copyOf(namespaces);
    }

    static MockScmConfig read(ConfigReader scm) {
        List<ScmModule> modules = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        for (ConfigReader module : scm.objects("modules")) {
            ScmModule parsed = new ScmModule(
                    module.nonNegativeInt("channel_id"),
                    module.nonNegativeInt("channel_position"),
                    module.nonNegativeInt("controller_id"),
                    module.nonNegativeInt("socket_id"),
                    module.nonNegativeInt("physical_id"),
                    module.positiveBytes("capacity"),
                    module.string("uid"),
                    module.string("part_number", ""),
                    module.string("firmware_revision", ""),
                    module.string("health_state", "Healthy"));
            if (!uids.add(parsed.uid())) {
                throw module.bad("uid", "'" + parsed.uid() + "' is used by another module");
            }
            modules.add(parsed);
        }

        List<ScmNamespace> namespaces = new ArrayList<>();
        Set<String> blockDevices = new HashSet<>();
        for (ConfigReader namespace : scm.objects("namespaces")) {
            ScmNamespace parsed = new ScmNamespace(
                    namespace.string("uuid"),
                    namespace.string("block_device"),
                    namespace.string("device", ""),
                    namespace.nonNegativeInt("numa_node"),
                    namespace.positiveBytes("size"),
                    Optional.empty());
            if (!blockDevices.add(parsed.blockDevice())) {
                throw namespace.bad("block_device", "'" + parsed.blockDevice() + "' is used by another namespace");
            }
            namespaces.add(parsed);
        }

        return new MockScmConfig(modules, namespaces,
                scm.object("scan_fault").map(fault -> InjectedFault.read(fault, "scm")),
                FormatFailures.read(scm, "scm"));
    }
}
