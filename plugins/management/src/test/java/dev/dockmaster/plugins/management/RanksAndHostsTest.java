package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RanksAndHostsTest {
    @Test
    void rankSetsRoundTrip() {
        assertThat(Ranks.parse("[0-3,5]")).containsExactly(0L, 1L, 2L, 3L, 5L);
        assertThat(Ranks.format(List.of(7L, 0L, 1L, 2L, 5L, 8L))).isEqualTo("0-2,5,7-8");
        assertThat(Ranks.format(List.of())).isEmpty();
        assertThatThrownBy(() -> Ranks.parse("1-x")).isInstanceOf(Fault.class).hasMessageContaining("1-x");
    }

    @Test
    void hostListsExpandLikeDaos() {
        assertThat(HostList.expand("node[1-3]")).containsExactly("node1", "node2", "node3");
        assertThat(HostList.expand("host[001-002]:10001,10.0.0.[7,9]"))
                .containsExactly("host001:10001", "host002:10001", "10.0.0.7", "10.0.0.9");
        assertThatThrownBy(() -> HostList.expand("node[1-3")).isInstanceOf(Fault.class);
    }
}
