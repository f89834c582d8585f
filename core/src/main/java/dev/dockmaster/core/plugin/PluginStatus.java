package dev.dockmaster.core.plugin;

/** What became of a plugin at start. */
public enum PluginStatus {
    /** Loaded and in use. */
    STARTED,
    /** Switched off in the configuration ({@code plugins.enabled} / {@code plugins.disabled}). */
    DISABLED,
    /** Could not be loaded or started; {@link LoadedPlugin#error()} says why. */
    FAILED
}
