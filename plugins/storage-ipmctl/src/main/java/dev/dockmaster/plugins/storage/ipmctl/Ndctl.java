package dev.dockmaster.plugins.storage.ipmctl;

import dev.dockmaster.storage.os.Command;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.ScmNamespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PMem namespaces through {@code ndctl list -N -v}, whose JSON is an array of namespaces, a single object when
 * there is exactly one, and nothing at all when there is none. Only {@code fsdax} namespaces have the
 * {@code /dev/pmemN} block device DAOS formats.
 */
final class Ndctl {

    private final String binary;
    private final Command command;

    Ndctl(String binary, List<String> commandPrefix) {
        this.binary = binary;
        this.command = new Command(commandPrefix);
    }

    List<ScmNamespace> namespaces() {
        Command.Result result = command.run(binary, "list", "-N", "-v");
        if (result.exitCode() < 0 && result.output().contains("error=2")) {
            throw new Fault("scm", Ipmctl.MISSING_SOFTWARE_DEPENDENCY, "ndctl not found: " + result.output(),
                    "install ndctl, or set plugin.storage-ipmctl.ndctl to its path");
        }
        if (!result.ok()) {
            throw new Fault("scm", Ipmctl.SCM_DISCOVERY_FAILED, "ndctl list -N -v failed (exit "
                    + result.exitCode() + "): " + result.output(), "run 'ndctl list -N -v' on the host to see why");
        }
        return parse(result.output());
    }

    static List<ScmNamespace> parse(String json) {
        if (json.isBlank()) {
            return List.of();
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new Fault("scm", Ipmctl.SCM_DISCOVERY_FAILED, "cannot read ndctl's output: " + e.getMessage(),
                    "check the ndctl version (DAOS needs ndctl 71 or later)");
        }
        List<JsonElement> entries = new ArrayList<>();
        if (root.isJsonArray()) {
            root.getAsJsonArray().forEach(entries::add);
        } else if (root.isJsonObject()) {
            entries.add(root);
        }
        List<ScmNamespace> namespaces = new ArrayList<>();
        for (JsonElement entry : entries) {
            if (!entry.isJsonObject()) {
                continue;
            }
            JsonObject ns = entry.getAsJsonObject();
            if (!"fsdax".equals(string(ns, "mode")) || string(ns, "blockdev").isEmpty()) {
                continue;
            }
            namespaces.add(new ScmNamespace(string(ns, "uuid"), string(ns, "blockdev"), string(ns, "dev"),
                    ns.has("numa_node") ? ns.get("numa_node").getAsInt() : 0,
                    ns.has("size") ? ns.get("size").getAsLong() : 0, Optional.empty()));
        }
        return namespaces;
    }

    private static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }
}
