package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.mgmt.SystemGetAttrReq;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** System attributes through raft on a single replica: set, get, delete, reserved keys refused. */
class SystemAttrTest {
    private static ReplicaHarness cluster;
    private static ManagementService ms;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ReplicaHarness(1, Files.createTempDirectory("attr"), ReplicaHarness.FAST).start();
        await().atMost(Duration.ofSeconds(20)).until(cluster::hasLeader);
        ms = cluster.leader();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void setGetAndDeleteThroughRaft() throws Exception {
        ms.systemSetAttr(SystemSetAttrReq.newBuilder().putAttributes("color", "blue")
                .putAttributes("size", "9").build()).get();
        assertThat(ms.systemGetAttr(SystemGetAttrReq.newBuilder().addKeys("color").build()).getAttributesMap())
                .isEqualTo(Map.of("color", "blue"));
        assertThat(ms.systemGetAttr(SystemGetAttrReq.getDefaultInstance()).getAttributesMap())
                .containsEntry("color", "blue").containsEntry("size", "9");

        ms.systemSetAttr(SystemSetAttrReq.newBuilder().putAttributes("size", "").build()).get();
        assertThat(ms.systemGetAttr(SystemGetAttrReq.getDefaultInstance()).getAttributesMap())
                .doesNotContainKey("size").containsEntry("color", "blue");
        assertThatThrownBy(() -> ms.systemGetAttr(SystemGetAttrReq.newBuilder().addKeys("size").build()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("unable to find system attribute");
    }

    static Stream<Arguments> refusedSets() {
        return Stream.of(
                Arguments.of("prop. prefix", Map.of("prop.self_heal", "x"), "reserved prefix \"prop.\""),
                Arguments.of("mgmt. prefix", Map.of("mgmt.anything", "x"), "reserved prefix \"mgmt.\""),
                Arguments.of("empty key", Map.of("", "x"), "must not be empty"),
                Arguments.of("nothing", Map.of(), "no system attributes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedSets")
    void refusesBadKeys(String name, Map<String, String> attrs, String message) {
        long before = ms.node().orElseThrow().db().version();
        assertThatThrownBy(() -> ms.systemSetAttr(SystemSetAttrReq.newBuilder().putAllAttributes(attrs).build()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining(message);
        assertThat(ms.node().orElseThrow().db().version()).isEqualTo(before);
    }
}
