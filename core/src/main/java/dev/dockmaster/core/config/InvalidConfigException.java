package dev.dockmaster.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; carries every problem found, not only the first. */
public final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super();
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid configuration needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** One line per problem: {@code <origin>: <key>: <message> (fix: <resolution>) [code N]}. */
    @Override
    public String getMessage() {
        return problems.stream().map(ConfigProblem::render).collect(Collectors.joining(System.lineSeparator()));
    }
}
