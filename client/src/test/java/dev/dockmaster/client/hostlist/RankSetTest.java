package dev.dockmaster.client.hostlist;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankSetTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("plain ranges", "0-3,5", "0-3,5", 5),
                Arguments.of("bracketed", "[0-3,5]", "0-3,5", 5),
                Arguments.of("unsorted with duplicates", "5,3,0-2,2,4", "0-5", 6),
                Arguments.of("spaces", " 1, 2 ,7 ", "1-2,7", 3),
                Arguments.of("space separated", "1 2 3", "1-3", 3),
                Arguments.of("empty", "", "", 0),
                Arguments.of("empty brackets", "[]", "", 0),
                Arguments.of("max rank", "4294967294", "4294967294", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(String name, String input, String printed, int count) {
        RankSet set = RankSet.parse(input);
        assertThat(set.toString()).isEqualTo(printed);
        assertThat(set.toBracketedString()).isEqualTo("[" + printed + "]");
        assertThat(set.size()).isEqualTo(count);
        assertThat(RankSet.parse(set.toBracketedString())).isEqualTo(set);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("nil rank", "4294967295", "larger than the maximum"),
                Arguments.of("negative", "-1", "is not a number"),
                Arguments.of("backwards", "5-3", "runs backwards"),
                Arguments.of("unbalanced", "[1-2", "unbalanced brackets"),
                Arguments.of("inner brackets", "[1],[2]", "brackets may only enclose"),
                Arguments.of("doubled comma", "1,,2", "empty element"),
                Arguments.of("letters", "a", "is not a number"),
                Arguments.of("range too large", "0-20000", "more than the limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(String name, String input, String problem) {
        assertThatThrownBy(() -> RankSet.parse(input)).isInstanceOfSatisfying(Fault.class,
                f -> assertThat(f.description()).contains("invalid rank list").contains(problem));
    }

    @Test
    void ofUnionContains() {
        RankSet set = RankSet.of(3, 1, 2).union(RankSet.parse("7"));
        assertThat(set.toString()).isEqualTo("1-3,7");
        assertThat(set.contains(7)).isTrue();
        assertThat(set.contains(4)).isFalse();
        assertThat(set.ranks()).containsExactly(1L, 2L, 3L, 7L);
        assertThatThrownBy(() -> RankSet.of(-1)).isInstanceOf(Fault.class);
    }
}
