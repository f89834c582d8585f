package dev.dockmaster.it;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * System commands through the management service leader's fan-out, on two hosts (the first the access point, one
 * engine each): {@code dmg system stop -r 1} stops only rank 1, on the other host; {@code dmg system start} brings it
 * back Joined with the same rank; attributes set through dmg are read back.
 */
class SystemCommandsIT {
    @TempDir
    Path work;

    @Test
    void stopOneRankThenStartItAgainAndSetAttributes() {
        try (TestSystem system = new TestSystem(work, List.of(1, 1), List.of(0))) {
            system.startAll();
            Map<Integer, JsonObject> joined = system.awaitAllJoined(Duration.ofSeconds(120));
            String uuidOfRank1 = joined.get(1).get("uuid").getAsString();

            ProcessResult stop = system.dmg("system", "stop", "-r", "1");
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
            assertThat(stop.stdout()).contains("Rank").contains("Operation").contains("Result");
            await("rank 1 stopped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "stopped".equals(system.states().get(1)));
            assertThat(system.states()).containsEntry(0, "joined");

            ProcessResult start = system.dmg("system", "start");
            assertThat(start.exitCode()).as(start.toString()).isZero();
            Map<Integer, JsonObject> again = system.awaitAllJoined(Duration.ofSeconds(120));
            assertThat(again.get(1).get("uuid").getAsString()).isEqualTo(uuidOfRank1);

            ProcessResult set = system.dmg("system", "set-attr", "owner:lab,purpose:test");
            assertThat(set.exitCode()).as(set.toString()).isZero();
            ProcessResult get = system.dmg("system", "get-attr");
            assertThat(get.exitCode()).as(get.toString()).isZero();
            assertThat(get.stdout()).contains("owner").contains("lab").contains("purpose").contains("test");
        }
    }
}
