package dev.dockmaster.core.config;

import java.util.List;
import java.util.stream.Collectors;

public final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(p -> p.origin() + ": " + p.key() + ": " + p.message()
                + " (fix: " + p.resolution() + ") [code " + p.code() + "]").collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
