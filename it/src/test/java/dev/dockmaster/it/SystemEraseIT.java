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
 * DAOS's reformat sequence on two hosts (the first the access point, one engine each): a running system refuses
 * {@code dmg storage format} (fault 509) and {@code dmg system erase}; after {@code dmg system stop},
 * {@code dmg system erase} resets every engine and the management service database, and
 * {@code dmg storage format --force} gives a fresh system: new engines Joined as ranks 0 and 1, no attributes, no
 * properties. System properties round-trip through set-prop/get-prop first, and a read-only one is refused.
 */
class SystemEraseIT {
    @TempDir
    Path work;

    @Test
    void stopEraseAndFormatForceGiveAFreshSystem() {
        try (TestSystem system = new TestSystem(work, List.of(1, 1), List.of(0))) {
            system.startAll();
            Map<Integer, JsonObject> before = system.awaitAllJoined(Duration.ofSeconds(120));
            assertThat(before).containsOnlyKeys(0, 1);

            ProcessResult setAttr = system.dmg("system", "set-attr", "owner:lab");
            assertThat(setAttr.exitCode()).as(setAttr.toString()).isZero();
            ProcessResult setProp = system.dmg("system", "set-prop", "pool_scrub_mode:timed,pool_scrub_thresh:5");
            assertThat(setProp.exitCode()).as(setProp.toString()).isZero();
            ProcessResult getProp = system.dmg("system", "get-prop", "pool_scrub_mode,pool_scrub_thresh");
            assertThat(getProp.exitCode()).as(getProp.toString()).isZero();
            assertThat(getProp.stdout()).containsPattern("\\(pool_scrub_mode\\)\\s+timed")
                    .containsPattern("\\(pool_scrub_thresh\\)\\s+5");
            ProcessResult readOnly = system.dmg("system", "set-prop", "daos_version:9.9.9");
            assertThat(readOnly.exitCode()).as(readOnly.toString()).isNotZero();
            assertThat(readOnly.stdout() + readOnly.stderr()).contains("daos_version");

            // a running system: format is refused by the MS probe, erase by the ranks still Joined
            ProcessResult formatRunning = system.dmgOn(system.allHosts(), "storage", "format", "--force");
            assertThat(formatRunning.exitCode()).as(formatRunning.toString()).isNotZero();
            assertThat(formatRunning.stdout() + formatRunning.stderr()).contains("509")
                    .contains("storage format invoked on a running system");
            ProcessResult eraseRunning = system.dmg("system", "erase");
            assertThat(eraseRunning.exitCode()).as(eraseRunning.toString()).isNotZero();
            assertThat(eraseRunning.stdout() + eraseRunning.stderr())
                    .contains("system erase requires the following 2 ranks to be stopped: 0-1");

            ProcessResult stop = system.dmg("system", "stop");
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
            await("all ranks stopped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Map.of(0, "stopped", 1, "stopped").equals(system.states()));

            ProcessResult erase = system.dmg("system", "erase");
            assertThat(erase.exitCode()).as(erase.toString() + system.logs()).isZero();
            assertThat(system.server(0).log()).contains("system database erased on this replica");
            ProcessResult query = system.dmg("system", "query");
            assertThat(query.exitCode()).as("no database until the format: " + query).isNotZero();

            ProcessResult format = system.dmgOn(system.allHosts(), "storage", "format", "--force");
            assertThat(format.exitCode()).as(format.toString() + system.logs()).isZero();

            Map<Integer, JsonObject> after = system.awaitAllJoined(Duration.ofSeconds(120));
            assertThat(after).containsOnlyKeys(0, 1);
            assertThat(List.of(after.get(0).get("uuid").getAsString(), after.get(1).get("uuid").getAsString()))
                    .as("new engine identities").doesNotContainAnyElementsOf(List.of(
                            before.get(0).get("uuid").getAsString(), before.get(1).get("uuid").getAsString()));
            ProcessResult attrs = system.dmg("system", "get-attr");
            assertThat(attrs.exitCode()).as(attrs.toString()).isZero();
            assertThat(attrs.stdout()).doesNotContain("owner");
            ProcessResult props = system.dmg("system", "get-prop", "pool_scrub_mode");
            assertThat(props.exitCode()).as(props.toString()).isZero();
            assertThat(props.stdout()).containsPattern("\\(pool_scrub_mode\\)\\s+off");
        }
    }
}
