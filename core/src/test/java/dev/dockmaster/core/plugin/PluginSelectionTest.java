package dev.dockmaster.core.plugin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PluginSelectionTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no lists: everything enabled", Set.of(), Set.of(), true),
                Arguments.of("listed in enabled", Set.of("p"), Set.of(), true),
                Arguments.of("enabled lists others only", Set.of("q"), Set.of(), false),
                Arguments.of("disabled", Set.of(), Set.of("p"), false),
                Arguments.of("disabled wins over enabled", Set.of("p"), Set.of("p"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesWhetherAPluginIsEnabled(String name, Set<String> enabled, Set<String> disabled, boolean expected) {
        assertThat(new PluginSelection(enabled, disabled, Set.of()).isEnabled("p")).isEqualTo(expected);
    }
}
