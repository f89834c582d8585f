package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.mgmt.SystemCleanupReq;
import dev.dockmaster.proto.mgmt.SystemGetAttrReq;
import dev.dockmaster.proto.mgmt.SystemGetPropReq;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;
import dev.dockmaster.proto.mgmt.SystemSetPropReq;
import dev.dockmaster.spi.engine.EngineHarness;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** DAOS 2.6's system properties: value checks and defaults, then set/get (and cleanup) through one replica. */
class SystemPropertiesTest {
    private static final SystemProperties PROPS = new SystemProperties(ReplicaHarness.serverInfo(10001,
            List.of("localhost:10001")));

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("scrub mode by name", "pool_scrub_mode", "timed", "prop.pool_scrub_mode=timed"),
                Arguments.of("scrub mode in any case", "pool_scrub_mode", "LAZY", "prop.pool_scrub_mode=lazy"),
                Arguments.of("key in any case", "POOL_SCRUB_MODE", "off", "prop.pool_scrub_mode=off"),
                Arguments.of("threshold", "pool_scrub_thresh", "12", "prop.pool_scrub_thresh=12"),
                Arguments.of("threshold as a percentage", "pool_scrub_thresh", "5%", "prop.pool_scrub_thresh=5"),
                Arguments.of("unknown scrub mode", "pool_scrub_mode", "often",
                        "invalid value for property \"pool_scrub_mode\": invalid value \"often\" for"
                                + " pool_scrub_mode (valid: lazy,off,timed)"),
                Arguments.of("negative threshold", "pool_scrub_thresh", "-1",
                        "invalid value for property \"pool_scrub_thresh\": invalid Scrubbing Threshold value \"-1\""),
                Arguments.of("threshold not a number", "pool_scrub_thresh", "many",
                        "invalid Scrubbing Threshold value \"many\""),
                Arguments.of("read-only version", "daos_version", "3.0",
                        "invalid value for property \"daos_version\": computed property values may not be set"),
                Arguments.of("read-only system name", "daos_system", "other",
                        "computed property values may not be set"),
                Arguments.of("unknown key", "pool_label", "x", "unknown property \"pool_label\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void valuesAreCheckedAndStoredCanonically(String name, String key, String value, String expected) {
        if (expected.startsWith("prop.")) {
            String[] kv = expected.split("=", 2);
            assertThat(PROPS.attributesFor(Map.of(key, value))).containsExactly(Map.entry(kv[0], kv[1]));
        } else {
            assertThatThrownBy(() -> PROPS.attributesFor(Map.of(key, value)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
        }
    }

    @Test
    void unsetPropertiesReadAsDefaultsAndComputedOnesFromTheServer() {
        assertThat(PROPS.values(Map.of(), List.of())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "daos_version", "2.6.5", "daos_system", "daos_server", "pool_scrub_mode", "off",
                "pool_scrub_thresh", "0"));
        assertThat(PROPS.values(Map.of("prop.pool_scrub_mode", "lazy", "prop.daos_version", "forged"),
                List.of("pool_scrub_mode", "daos_version")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("pool_scrub_mode", "lazy", "daos_version", "2.6.5"));
        assertThatThrownBy(() -> PROPS.values(Map.of(), List.of("nope")))
                .hasMessageContaining("unknown property \"nope\"");
    }

    private ScheduledExecutorService executor;
    private ManagementService ms;

    @AfterEach
    void stop() {
        if (ms != null) {
            ms.close();
            executor.shutdownNow();
        }
    }

    private void startReplica(Path root) throws java.io.IOException {
        String self = "127.0.0.1:" + FreePorts.controlPortWithRaftPort();
        Replicas replicas = Replicas.resolve(List.of(self), Replicas.portOf(self));
        executor = Executors.newScheduledThreadPool(2, ManagementModule.daemonThreads("props-test"));
        ms = new ManagementService(ReplicaHarness.serverInfo(Replicas.portOf(self), List.of(self)), replicas,
                ReplicaHarness.FAST, EngineHarness.none(), executor, Clock.systemUTC());
        ms.attach(RaftNode.start(RaftNode.peer(replicas.peerId(0), replicas.raftAddress(0, 1)), true, "daos_server",
                root.resolve("control_raft"), ReplicaHarness.FAST, new SystemDb()));
        await().atMost(Duration.ofSeconds(20)).until(() -> ms.node().orElseThrow().isLeader());
    }

    @Test
    void setAndGetThroughTheDatabaseKeepPropertiesApartFromAttributes(@TempDir Path root) throws Exception {
        startReplica(root);
        ms.systemSetProp(SystemSetPropReq.newBuilder().putProperties("pool_scrub_mode", "Timed")
                .putProperties("pool_scrub_thresh", "7").build()).get(10, TimeUnit.SECONDS);
        ms.systemSetAttr(SystemSetAttrReq.newBuilder().putAttributes("owner", "ops").build())
                .get(10, TimeUnit.SECONDS);

        assertThat(ms.systemGetProp(SystemGetPropReq.getDefaultInstance()).getPropertiesMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("daos_version", "2.6.5", "daos_system", "daos_server",
                        "pool_scrub_mode", "timed", "pool_scrub_thresh", "7"));
        assertThat(ms.node().orElseThrow().db().attributes()).containsEntry("prop.pool_scrub_mode", "timed");
        // user attributes never show the properties
        assertThat(ms.systemGetAttr(SystemGetAttrReq.getDefaultInstance()).getAttributesMap())
                .containsExactly(Map.entry("owner", "ops"));

        // one bad property refuses the whole request: nothing is written
        assertThatThrownBy(() -> ms.systemSetProp(SystemSetPropReq.newBuilder()
                .putProperties("pool_scrub_thresh", "9").putProperties("daos_system", "x").build()))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("computed property values may not be set");
        assertThat(ms.systemGetProp(SystemGetPropReq.newBuilder().addKeys("pool_scrub_thresh").build())
                .getPropertiesMap()).containsExactly(Map.entry("pool_scrub_thresh", "7"));
        assertThatThrownBy(() -> ms.systemSetProp(SystemSetPropReq.getDefaultInstance()))
                .hasMessageContaining("no system properties to set");
    }

    @Test
    void cleanupWithoutPoolsHasNoResultsAndNeedsAMachine(@TempDir Path root) throws Exception {
        startReplica(root);
        assertThat(ms.systemCleanup(SystemCleanupReq.newBuilder().setMachine("client-1").build()).getResultsList())
                .isEmpty();
        assertThatThrownBy(() -> ms.systemCleanup(SystemCleanupReq.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("SystemCleanup requires a machine name.");
    }
}
