package dev.dockmaster.client.hostlist;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostSetTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                // name, input, ranged, count
                Arguments.of("bracket with list", "host[1-3,5]", "host[1-3,5]", 4),
                Arguments.of("hyphenated name", "wolf-[71-72]", "wolf-[71-72]", 2),
                Arguments.of("ip range with port", "10.0.0.[1-4]:10001", "10.0.0.[1-4]:10001", 4),
                Arguments.of("zero padding kept", "host[001-010]", "host[001-010]", 10),
                Arguments.of("padding compatible across decade", "node[098-100]", "node[098-100]", 3),
                Arguments.of("mixed widths stay apart", "node[001-009],node[10-12]", "node[001-009,10-12]", 12),
                Arguments.of("unpadded crosses decade", "node9,node10,node11", "node[9-11]", 3),
                Arguments.of("single host no brackets", "node7", "node7", 1),
                Arguments.of("single bracketed host", "node[7]", "node7", 1),
                Arguments.of("plain name", "localhost", "localhost", 1),
                Arguments.of("duplicates removed", "node[1-4],node2,node[3-5]", "node[1-5]", 5),
                Arguments.of("natural order not lexical", "node10,node9,node1", "node[1,9-10]", 3),
                Arguments.of("space separated", "node1 node2 node3", "node[1-3]", 3),
                Arguments.of("tab and mixed separators", "node1\tnode2 node3,node4", "node[1-4]", 4),
                Arguments.of("leading and trailing separators", " ,node1, ", "node1", 1),
                Arguments.of("different ports are different groups", "a1:1,a2:1,a1:2", "a[1-2]:1,a1:2", 3),
                Arguments.of("suffix after digits", "n1.lab,n2.lab", "n[1-2].lab", 2),
                Arguments.of("multi hyphen prefix", "d-server-0001,d-server-0002", "d-server-[0001-0002]", 2),
                Arguments.of("digits after last hyphen", "node1-3,node1-1,node2-1", "node1-[1,3],node2-1", 3),
                Arguments.of("name with hyphen then digits", "my-host1,my-host2", "my-host[1-2]", 2),
                Arguments.of("ip list collapses", "10.5.1.2,10.5.1.1,10.5.1.3", "10.5.1.[1-3]", 3),
                Arguments.of("different subnets", "10.0.0.1,10.0.1.1", "10.0.0.1,10.0.1.1", 2),
                Arguments.of("port is normalised", "node1:01001", "node1:1001", 1),
                Arguments.of("brackets tolerate spaces", "node[1, 3]", "node[1,3]", 2),
                Arguments.of("max range accepted", "n[1-16384]", "n[1-16384]", 16384),
                Arguments.of("empty input", "", "", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesAndCompresses(String name, String input, String ranged, int count) {
        HostSet set = HostSet.parse(input);
        assertThat(set.toRangedString()).isEqualTo(ranged);
        assertThat(set.size()).isEqualTo(count);
        // the ranged form parses back to the same set
        assertThat(HostSet.parse(set.toRangedString())).isEqualTo(set);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("backwards range", "node[5-4]", "runs backwards"),
                Arguments.of("letters in range", "node[a-b]", "is not a number"),
                Arguments.of("half letters", "node[0-b]", "is not a number"),
                Arguments.of("double dash", "node[0--1]", "is not a number"),
                Arguments.of("unclosed", "node[0-1", "unbalanced brackets"),
                Arguments.of("close before open", "node]1[", "unbalanced brackets"),
                Arguments.of("no name before bracket", "[0-1,3-5]", "no host name"),
                Arguments.of("two bracket groups", "n[1-2]-[3-4]", "more than one bracketed range"),
                Arguments.of("empty brackets", "node[]", "is empty"),
                Arguments.of("trailing comma in brackets", "node[1,]", "empty element"),
                Arguments.of("too many hosts", "n[1-16385]", "more than the limit of 16384"),
                Arguments.of("negative port", "node5:-10001", "invalid port"),
                Arguments.of("zero port", "node5:0", "invalid port"),
                Arguments.of("huge port", "node5:65536", "invalid port"),
                Arguments.of("empty port", "node5:", "invalid port"),
                Arguments.of("two colons", "a:1:2", "more than one ':'"),
                Arguments.of("bad character", "no/de", "may only contain"),
                Arguments.of("leading dot", ".node", "may only contain"),
                Arguments.of("no name", ":10001", "has no name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsMalformedInputWithAClearFault(String name, String input, String problem) {
        assertThatThrownBy(() -> HostSet.parse(input))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.domain()).isEqualTo("client");
                    assertThat(f.description()).contains("invalid host list \"" + input + "\"").contains(problem);
                    assertThat(f.resolution()).contains("wolf-[71-72]");
                });
    }

    @Test
    void defaultPortIsAppendedOnlyWhereMissing() {
        HostSet set = HostSet.parse("wolf-[71-72],node3:10002,10.0.0.[1-2]").withDefaultPort(10001);
        assertThat(set.hosts()).containsExactly("10.0.0.1:10001", "10.0.0.2:10001", "node3:10002",
                "wolf-71:10001", "wolf-72:10001");
        assertThat(set.toRangedString()).isEqualTo("10.0.0.[1-2]:10001,node3:10002,wolf-[71-72]:10001");
    }

    @Test
    void defaultPortMergesWithExplicitSamePort() {
        assertThat(HostSet.parse("node1,node1:10001").withDefaultPort(10001).hosts()).containsExactly("node1:10001");
    }

    @Test
    void invalidDefaultPortIsFault501() {
        assertThatThrownBy(() -> HostSet.parse("a").withDefaultPort(0))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.code()).isEqualTo(501));
    }

    @Test
    void withoutPortsCollapsesHosts() {
        HostSet set = HostSet.parse("wolf-71:10001,wolf-72:10001,wolf-71:10002");
        assertThat(set.withoutPorts().toRangedString()).isEqualTo("wolf-[71-72]");
    }

    @Test
    void unionContainsAndExpandedForm() {
        HostSet set = HostSet.parse("node[1-2]").union(HostSet.parse("node[2-3]"));
        assertThat(set.toExpandedString()).isEqualTo("node1,node2,node3");
        assertThat(set.contains("node2")).isTrue();
        assertThat(set.contains("node4")).isFalse();
        assertThat(set.contains("bad/host")).isFalse();
    }

    @Test
    void compressionIsOrderInsensitiveAndRoundTrips() {
        // property: for random subsets of a padded and an unpadded family, in random order, the ranged form
        // is independent of input order and expands back to exactly the input set
        Random random = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            List<String> hosts = new ArrayList<>();
            for (int n = 0; n < 120; n++) {
                if (random.nextInt(3) == 0) {
                    hosts.add("node" + n + ":10001");
                }
                if (random.nextInt(4) == 0) {
                    hosts.add(String.format("rack-%03d", n));
                }
                if (random.nextInt(5) == 0) {
                    hosts.add("10.1.0." + n);
                }
            }
            List<String> shuffled = new ArrayList<>(hosts);
            Collections.shuffle(shuffled, random);
            HostSet a = HostSet.parse(String.join(",", hosts));
            HostSet b = HostSet.parse(String.join(" ", shuffled));
            assertThat(b.toRangedString()).isEqualTo(a.toRangedString());
            assertThat(HostSet.parse(a.toRangedString()).hosts()).containsExactlyInAnyOrderElementsOf(
                    hosts.stream().distinct().toList());
        }
    }
}
