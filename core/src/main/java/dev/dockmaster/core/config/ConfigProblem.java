package dev.dockmaster.core.config;

public record ConfigProblem(String key, String origin, int code, String message, String resolution) {
}
