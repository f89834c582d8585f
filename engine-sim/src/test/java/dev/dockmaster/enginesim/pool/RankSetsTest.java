package dev.dockmaster.enginesim.pool;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RankSetsTest {
    static Stream<Arguments> sets() {
        return Stream.of(
                arguments("empty", List.of(), "[]"),
                arguments("one", List.of(3), "[3]"),
                arguments("a range", List.of(0, 1, 2, 3), "[0-3]"),
                arguments("unsorted with gaps and duplicates", List.of(7, 5, 0, 1, 2, 8, 5), "[0-2,5,7-8]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void bracketedRanges(String name, List<Integer> ranks, String text) {
        assertThat(RankSets.bracketed(ranks)).isEqualTo(text);
    }
}
