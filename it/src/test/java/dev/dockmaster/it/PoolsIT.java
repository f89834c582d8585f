package dev.dockmaster.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pools end to end on three daos_server processes, each an access point with one simulated engine: dmg → the MS
 * leader → raft → dRPC → the engine simulators, whose shards live under their scm_mount. Pools are created, listed
 * and queried through a follower, survive a restart of every server with the same sizes and ACL, one is destroyed,
 * and a create larger than the engines' capacity fails with DAOS's no-space error and leaves nothing behind.
 */
class PoolsIT {
    private static final Duration JOIN = Duration.ofSeconds(180);

    @TempDir
    Path work;

    @Test
    void poolsSurviveARestartOfEveryServerAndARefusedCreateLeavesNothing() throws IOException {
        Path aclFile = Files.writeString(work.resolve("scratch.acl"), """
                # owner and group may read and write, everyone else may read
                A::OWNER@:rw
                A:G:GROUP@:rw
                A::EVERYONE@:r
                """);
        try (TestSystem system = new TestSystem(work, List.of(1, 1, 1), List.of(0, 1, 2))) {
            system.startAll();
            system.awaitAllJoined(JOIN);

            ProcessResult tank = system.dmg("pool", "create", "--scm-size=256MiB", "tank");
            assertThat(tank.exitCode()).as(tank.toString()).isZero();
            assertThat(tank.stdout()).contains("Pool created").contains("Service Ranks");
            ProcessResult scratch = system.dmg("pool", "create", "--scm-size=128MiB", "--acl-file=" + aclFile,
                    "scratch");
            assertThat(scratch.exitCode()).as(scratch.toString()).isZero();

            int follower = followerHost(system);
            Map<String, JsonObject> before = listThrough(system, follower);
            assertThat(before).containsOnlyKeys("scratch", "tank");
            assertThat(before.get("tank").get("state").getAsString()).isEqualTo("Ready");
            long tankScm = scmTotal(before.get("tank"));
            long scratchScm = scmTotal(before.get("scratch"));
            // three ranks, the per-rank SCM share on each
            assertThat(tankScm).isEqualTo(3L * (256L << 20));
            assertThat(scratchScm).isEqualTo(3L * (128L << 20));
            JsonObject query = queryThrough(system, follower, "tank");
            assertThat(query.get("total_engines").getAsInt()).isEqualTo(3);
            assertThat(aclThrough(system, follower, "scratch")).contains("A::EVERYONE@:r");

            for (int host = 0; host < system.hosts(); host++) {
                system.stop(host);
            }
            system.startAll();
            system.awaitAllJoined(JOIN);

            int followerAfter = await("a follower after the restart").atMost(Duration.ofSeconds(60))
                    .until(() -> followerHost(system), h -> h >= 0);
            Map<String, JsonObject> after = await("pools listed after the restart").atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> listThrough(system, followerAfter), m -> m.size() == 2
                            && m.values().stream().allMatch(p -> p.has("tier_stats")));
            assertThat(after.get("tank").get("uuid")).isEqualTo(before.get("tank").get("uuid"));
            assertThat(after.get("scratch").get("uuid")).isEqualTo(before.get("scratch").get("uuid"));
            assertThat(scmTotal(after.get("tank"))).isEqualTo(tankScm);
            assertThat(scmTotal(after.get("scratch"))).isEqualTo(scratchScm);
            assertThat(aclThrough(system, followerAfter, "scratch")).contains("A::EVERYONE@:r");

            ProcessResult destroy = system.dmg("pool", "destroy", "scratch");
            assertThat(destroy.exitCode()).as(destroy.toString()).isZero();
            assertThat(listThrough(system, followerAfter)).containsOnlyKeys("tank");

            ProcessResult huge = system.dmg("pool", "create", "--scm-size=4PB", "huge");
            assertThat(huge.exitCode()).as(huge.toString()).isNotZero();
            assertThat(huge.stdout() + huge.stderr()).contains("DER_NOSPACE");
            assertThat(listThrough(system, followerAfter)).containsOnlyKeys("tank");
            // and no engine kept a shard of it: one pool directory per engine, tank's
            String tankUuid = before.get("tank").get("uuid").getAsString();
            for (int host = 0; host < system.hosts(); host++) {
                assertThat(poolDirs(system.scmMount(host, 0))).as("pools on host " + host)
                        .containsExactly(tankUuid);
            }
        }
    }

    /** A host whose replica is not the current leader, or -1 while no leader is known. */
    private static int followerHost(TestSystem system) {
        ProcessResult lq = system.dmg("-j", "system", "leader-query");
        if (lq.exitCode() != 0) {
            return -1;
        }
        String leader = JsonParser.parseString(lq.stdout()).getAsJsonObject().getAsJsonObject("response")
                .get("current_leader").getAsString();
        for (int host = 0; host < system.hosts(); host++) {
            if (!leader.isEmpty() && !system.address(host).equals(leader)) {
                return host;
            }
        }
        return -1;
    }

    private static Map<String, JsonObject> listThrough(TestSystem system, int host) {
        ProcessResult list = system.dmgOn(system.address(host), "-j", "pool", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        JsonElement pools = JsonParser.parseString(list.stdout()).getAsJsonObject().getAsJsonObject("response")
                .get("pools");
        Map<String, JsonObject> byLabel = new TreeMap<>();
        if (pools != null && pools.isJsonArray()) {
            for (JsonElement pool : pools.getAsJsonArray()) {
                byLabel.put(pool.getAsJsonObject().get("label").getAsString(), pool.getAsJsonObject());
            }
        }
        return byLabel;
    }

    private static JsonObject queryThrough(TestSystem system, int host, String pool) {
        ProcessResult query = system.dmgOn(system.address(host), "-j", "pool", "query", pool);
        assertThat(query.exitCode()).as(query.toString()).isZero();
        return JsonParser.parseString(query.stdout()).getAsJsonObject().getAsJsonObject("response");
    }

    private static String aclThrough(TestSystem system, int host, String pool) {
        ProcessResult acl = system.dmgOn(system.address(host), "pool", "get-acl", pool);
        assertThat(acl.exitCode()).as(acl.toString()).isZero();
        return acl.stdout();
    }

    private static long scmTotal(JsonObject pool) {
        JsonArray tiers = pool.getAsJsonArray("tier_stats");
        for (JsonElement tier : tiers) {
            if ("scm".equals(tier.getAsJsonObject().get("media_type").getAsString())) {
                return tier.getAsJsonObject().get("total").getAsLong();
            }
        }
        throw new AssertionError("no SCM tier in " + pool);
    }

    private static List<String> poolDirs(Path scmMount) throws IOException {
        Path pools = scmMount.resolve("dockmaster-pools");
        if (!Files.isDirectory(pools)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(pools)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
