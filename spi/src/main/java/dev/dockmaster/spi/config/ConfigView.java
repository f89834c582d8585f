package dev.dockmaster.spi.config;

import java.util.List;
import java.util.Optional;

/**
 * A read-only view of one subtree of the server configuration: the {@code plugin.<id>} block for a provider, the
 * {@code modules.<name>} block for a gRPC module. Defaults come from the plugin's own {@code reference.conf}.
 *
 * <p>Getters throw a {@link dev.dockmaster.spi.Fault} (config domain) that names the key, the file and line where
 * known, when a value is missing or has the wrong type, so a plugin does not have to word those errors itself.
 */
public interface ConfigView {

    boolean hasPath(String path);

    String getString(String path);

    int getInt(String path);

    long getLong(String path);

    boolean getBoolean(String path);

    /** A byte size; accepts plain numbers and units such as {@code 512MiB}, {@code 1TB}. */
    long getBytes(String path);

    List<String> getStringList(String path);

    ConfigView getView(String path);

    List<ConfigView> getViewList(String path);

    /** The value at {@code path} if present. */
    default Optional<String> findString(String path) {
        return hasPath(path) ? Optional.of(getString(path)) : Optional.empty();
    }

    /** Where this subtree comes from (file and line where known), for error messages. */
    String origin();
}
