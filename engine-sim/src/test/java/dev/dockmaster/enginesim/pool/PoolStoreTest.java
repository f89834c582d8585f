package dev.dockmaster.enginesim.pool;

import dev.dockmaster.enginesim.fabric.PoolService;
import dev.dockmaster.enginesim.fabric.Prop;
import dev.dockmaster.enginesim.fabric.RankTargets;
import dev.dockmaster.enginesim.fabric.Shard;
import dev.dockmaster.enginesim.fabric.TargetState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Space accounting per engine and the records under scm_mount, across a reopen (an engine restart). */
class PoolStoreTest {
    private static final long GIB = 1L << 30;
    private static final EngineCapacity.Tiers CAPACITY = new EngineCapacity.Tiers(10 * GIB, 100 * GIB, List.of());

    @TempDir
    Path scm;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true);

    private static Shard shard(String uuid, long scm, long nvme) {
        return Shard.newBuilder().setPoolUuid(uuid).setRank(1).setTargets(4).setScmBytes(scm).setNvmeBytes(nvme)
                .build();
    }

    static Stream<Arguments> allocations() {
        return Stream.of(
                arguments("fits", List.of(4 * GIB), List.of(40 * GIB), 5 * GIB, 50 * GIB, 0),
                arguments("exactly what is left", List.of(4 * GIB), List.of(40 * GIB), 6 * GIB, 60 * GIB, 0),
                arguments("one SCM byte too many", List.of(4 * GIB), List.of(40 * GIB), 6 * GIB + 1, 0L, Der.NOSPACE),
                arguments("one NVMe byte too many", List.of(4 * GIB), List.of(40 * GIB), GIB, 60 * GIB + 1,
                        Der.NOSPACE),
                arguments("two earlier pools count", List.of(3 * GIB, 3 * GIB), List.of(0L, 0L), 5 * GIB, 0L,
                        Der.NOSPACE),
                arguments("bigger than the engine on its own", List.<Long>of(), List.<Long>of(), 11 * GIB, 0L,
                        Der.NOSPACE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allocations")
    void aShardIsRefusedWithNoSpaceWhenTheEngineIsShort(String name, List<Long> earlierScm, List<Long> earlierNvme,
                                                       long scmAsked, long nvmeAsked, int status) throws Exception {
        PoolStore store = PoolStore.open(scm, log);
        for (int i = 0; i < earlierScm.size(); i++) {
            store.create(shard("earlier-" + i, earlierScm.get(i), earlierNvme.get(i)), CAPACITY);
        }
        if (status == 0) {
            assertThat(store.create(shard("new", scmAsked, nvmeAsked), CAPACITY).getScmBytes()).isEqualTo(scmAsked);
            assertThat(scm.resolve("dockmaster-pools/new/shard.pb")).exists();
        } else {
            assertThatThrownBy(() -> store.create(shard("new", scmAsked, nvmeAsked), CAPACITY))
                    .isInstanceOfSatisfying(Der.Failure.class, f -> assertThat(f.status()).isEqualTo(status));
            assertThat(scm.resolve("dockmaster-pools/new")).doesNotExist();
            assertThat(store.shard("new")).isEmpty();
        }
    }

    @Test
    void aRetriedShardIsAnsweredWithTheSameOneAndADifferentOneIsExist() throws Exception {
        PoolStore store = PoolStore.open(scm, log);
        Shard first = store.create(shard("p", GIB, 0), CAPACITY);
        assertThat(store.create(shard("p", GIB, 0), CAPACITY)).isEqualTo(first);
        assertThat(store.allocated()).containsExactly(GIB, 0);
        assertThatThrownBy(() -> store.create(shard("p", 2 * GIB, 0), CAPACITY))
                .isInstanceOfSatisfying(Der.Failure.class, f -> assertThat(f.status()).isEqualTo(Der.EXIST));
    }

    @Test
    void destroyedShardsGiveTheirSpaceBackAndLeaveNoDirectory() throws Exception {
        PoolStore store = PoolStore.open(scm, log);
        store.create(shard("p", 10 * GIB, 0), CAPACITY);
        assertThat(store.destroy("p")).isTrue();
        assertThat(store.destroy("p")).as("twice").isFalse();
        assertThat(scm.resolve("dockmaster-pools/p")).doesNotExist();
        assertThat(store.create(shard("q", 10 * GIB, 0), CAPACITY).getScmBytes()).isEqualTo(10 * GIB);
    }

    private static PoolService service(String uuid, String label, long metaVersion) {
        return PoolService.newBuilder().setUuid(uuid).addProps(Prop.newBuilder().setNumber(1).setStr(label))
                .addProps(Prop.newBuilder().setNumber(3).setNum(7)).addAcl("A::OWNER@:rw").setOwner("alice@")
                .setOwnerGroup("staff@").setMapVersion(4).addAllSvcReps(List.of(0, 1, 2))
                .addRanks(RankTargets.newBuilder().setRank(1).addTargets(TargetState.UPIN)
                        .addTargets(TargetState.DOWNOUT).setScmBytes(GIB).setNvmeBytes(2 * GIB))
                .setMetaVersion(metaVersion).build();
    }

    @Test
    void shardsAndServicesAreReadBackByANewStoreOnTheSameMount() throws Exception {
        PoolStore store = PoolStore.open(scm, log);
        Shard s = store.create(shard("p1", GIB, 3 * GIB), CAPACITY);
        store.put(service("p1", "tank", 5));
        store.put(service("p2", "other", 1));
        store.drop("p2");

        PoolStore reopened = PoolStore.open(scm, log);
        assertThat(reopened.shard("p1")).contains(s);
        assertThat(reopened.service("p1")).contains(service("p1", "tank", 5));
        assertThat(reopened.serviceByLabel("tank")).contains(service("p1", "tank", 5));
        assertThat(reopened.service("p2")).isEmpty();
        assertThat(reopened.allocated()).containsExactly(GIB, 3 * GIB);
        assertThat(scm.resolve("dockmaster-pools/p2")).doesNotExist();
    }

    @Test
    void anOlderServiceCopyNeverReplacesANewerOne() {
        PoolStore store = PoolStore.open(scm, log);
        store.put(service("p", "new-label", 6));
        store.put(service("p", "old-label", 5));
        assertThat(store.service("p").orElseThrow().getMetaVersion()).isEqualTo(6);
        assertThat(PoolStore.open(scm, log).service("p").orElseThrow().getMetaVersion()).isEqualTo(6);
    }

    @Test
    void anUnreadableRecordIsSkippedWithALogLineNotACrash() throws Exception {
        Path dir = Files.createDirectories(scm.resolve("dockmaster-pools/broken"));
        Files.write(dir.resolve("service.pb"), new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01});
        PoolStore store = PoolStore.open(scm, log);
        assertThat(store.service("broken")).isEmpty();
        assertThat(logged.toString()).contains("ignoring unreadable pool service");
    }
}
