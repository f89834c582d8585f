package dev.dockmaster.dmg;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key:val[,key:val] and key[,key] arguments of the system attribute and property commands. */
class PropertyFlagsTest {

    static Stream<Arguments> setFlags() {
        return Stream.of(
                Arguments.of("one pair", "a:b", Map.of("a", "b")),
                Arguments.of("spaces trimmed", " a : b , c:d ", Map.of("a", "b", "c", "d")),
                Arguments.of("only the first colon separates", "url:http://x:1", Map.of("url", "http://x:1")),
                Arguments.of("quoted comma and colon", "k:'x,y',q:\"m:n\"", Map.of("k", "'x,y'", "q", "\"m:n\"")),
                Arguments.of("escaped comma", "k:x\\,y", Map.of("k", "x\\,y")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setFlags")
    void setFlagsParse(String name, String flag, Map<String, String> expected) {
        assertThat(PropertyFlags.parseSet(flag)).containsExactlyInAnyOrderEntriesOf(expected);
    }

    static Stream<Arguments> badSetFlags() {
        return Stream.of(
                Arguments.of("empty", "", "empty property"),
                Arguments.of("no colon", "a", "invalid property \"a\" (must be key:val)"),
                Arguments.of("empty key", ":v", "invalid property \":v\" (must be key:val)"),
                Arguments.of("blank key", " :v", "key must not be empty"),
                Arguments.of("blank value", "k: ", "value must not be empty"),
                Arguments.of("twice", "k:1,k:2", "\"k\": same key was specified more than once"),
                Arguments.of("long key", "k".repeat(512) + ":v", "key too long (512 > 511)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSetFlags")
    void badSetFlagsAreRefused(String name, String flag, String message) {
        assertThatThrownBy(() -> PropertyFlags.parseSet(flag)).isInstanceOf(Fault.class)
                .hasMessageContaining(message);
    }

    @Test
    void getFlags() {
        assertThat(PropertyFlags.parseGet(null)).isEmpty();
        assertThat(PropertyFlags.parseGet("b, a ,c")).containsExactly("b", "a", "c");
        assertThatThrownBy(() -> PropertyFlags.parseGet("a,a")).hasMessageContaining("more than once");
    }

    @Test
    void splitKeepsQuotedSeparators() {
        assertThat(PropertyFlags.split("a,'b,c',d", ',', Integer.MAX_VALUE)).isEqualTo(List.of("a", "'b,c'", "d"));
        assertThat(PropertyFlags.split("a:b:c", ':', 1)).isEqualTo(List.of("a", "b:c"));
    }
}
