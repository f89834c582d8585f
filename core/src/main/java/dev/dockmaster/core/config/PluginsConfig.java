package dev.dockmaster.core.config;

import java.util.List;

public record PluginsConfig(String dir, List<String> enabled, List<String> disabled, List<String> mandatory) {
}
