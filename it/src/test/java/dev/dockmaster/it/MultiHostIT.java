package dev.dockmaster.it;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three daos_server processes on loopback with distinct ports, the first the only access point: every engine gets a
 * distinct rank (rank 0 is the bootstrap replica's engine 0) and every engine keeps its rank when all three servers
 * restart.
 */
class MultiHostIT {
    @TempDir
    Path work;

    @Test
    void everyEngineGetsADistinctRankAndKeepsItAcrossRestarts() {
        try (TestSystem system = new TestSystem(work, List.of(1, 1, 1), List.of(0))) {
            system.startAll();
            Map<Integer, JsonObject> first = system.awaitAllJoined(Duration.ofSeconds(120));
            assertThat(first).containsOnlyKeys(0, 1, 2);
            assertThat(first.get(0).get("addr").getAsString()).isEqualTo(system.address(0));
            Map<String, Integer> rankOfEngine = new HashMap<>();
            first.forEach((rank, member) -> rankOfEngine.put(member.get("uuid").getAsString(), rank));
            assertThat(rankOfEngine).hasSize(3);

            for (int host = 0; host < system.hosts(); host++) {
                system.stop(host);
            }
            system.startAll();

            Map<Integer, JsonObject> again = system.awaitAllJoined(Duration.ofSeconds(120));
            again.forEach((rank, member) -> assertThat(rankOfEngine.get(member.get("uuid").getAsString()))
                    .as("engine %s", member.get("uuid")).isEqualTo(rank));
            ProcessResult grouped = system.dmg("system", "query");
            assertThat(grouped.stdout()).containsPattern("\\[0-2\\]\\s+Joined");
        }
    }
}
