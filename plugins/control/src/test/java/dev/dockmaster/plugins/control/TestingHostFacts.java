package dev.dockmaster.plugins.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Host facts from an in-memory file tree: absolute path to content. Directories exist implicitly. */
final class TestingHostFacts implements HostFacts {

    private final Map<String, String> files = new TreeMap<>();

    TestingHostFacts file(String path, String content) {
        files.put(path, content);
        return this;
    }

    /** A sysfs network interface. */
    TestingHostFacts netInterface(String name, int type, String flags, String operState, String numaNode) {
        String dir = "/sys/class/net/" + name + "/";
        file(dir + "type", type + "\n");
        file(dir + "flags", flags + "\n");
        file(dir + "operstate", operState + "\n");
        if (numaNode != null) {
            file(dir + "device/numa_node", numaNode + "\n");
        }
        return this;
    }

    @Override
    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public List<String> list(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        TreeSet<String> names = new TreeSet<>();
        for (String path : files.keySet()) {
            if (path.startsWith(prefix)) {
                names.add(path.substring(prefix.length()).split("/")[0]);
            }
        }
        return List.copyOf(names);
    }
}
