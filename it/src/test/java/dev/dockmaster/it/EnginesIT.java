package dev.dockmaster.it;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped configuration as an admin runs it (README's first command): {@code daos_server start --auto-format}
 * formats both simulated engines' storage, launches bin/daos_engine for each with DAOS's arguments, and both join the
 * management service this host runs as ranks 0 and 1 ({@code dmg system query}: {@code [0-1] Joined}). A restart
 * brings both back Joined with the same ranks; an engine killed from outside shows up as Errored and is not
 * restarted; SIGTERM to daos_server kills the engines before it exits.
 */
class EnginesIT {
    @TempDir
    Path work;

    private ProcessResult dmg(int port, String... args) {
        String[] line = new String[args.length + 3];
        line[0] = "-i";
        line[1] = "-l";
        line[2] = "localhost:" + port;
        System.arraycopy(args, 0, line, 3, args.length);
        return Commands.dmg(work, line);
    }

    /** Members' UUID and state by rank from {@code dmg -j system query}; empty while the query fails. */
    private Map<Integer, List<String>> members(int port) {
        ProcessResult result = dmg(port, "-j", "system", "query");
        Map<Integer, List<String>> byRank = new TreeMap<>();
        if (result.exitCode() != 0) {
            return byRank;
        }
        JsonObject response = JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonObject("response");
        if (response.get("members").isJsonArray()) {
            for (JsonElement m : response.getAsJsonArray("members")) {
                JsonObject member = m.getAsJsonObject();
                byRank.put(member.get("rank").getAsInt(),
                        List.of(member.get("uuid").getAsString(), member.get("state").getAsString()));
            }
        }
        return byRank;
    }

    private Map<Integer, List<String>> awaitBothJoined(int port) {
        await("ranks 0 and 1 joined").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<Integer, List<String>> m = members(port);
                    return m.keySet().equals(java.util.Set.of(0, 1))
                            && m.values().stream().allMatch(v -> v.get(1).equals("joined"));
                });
        return members(port);
    }

    @Test
    void autoFormatJoinsBothEnginesAsRanksZeroAndOneWhichTheyKeepAcrossARestart() {
        Path config = Distribution.shippedConfig(work);
        int port = Distribution.freePortPair();
        Map<Integer, List<String>> first;
        try (ServerProcess server = ServerProcess.start(work, config, port, "--auto-format")) {
            first = awaitBothJoined(port);
            // Joined in the MS comes before SetRank/SetUp, after which the engine prints its start-up line.
            awaitEnginePid(server, 0);
            awaitEnginePid(server, 1);
            String log = server.log();
            assertThat(log).contains("-g daos_server -d " + work.resolve("dockmaster") + " -s "
                    + work.resolve("dockmaster/engine0") + " -n " + work.resolve("dockmaster/engine0/daos_nvme.conf")
                    + " -I 0 -T 2");
            assertThat(log).contains("DAOS I/O Engine (v2.6.5) process", "started on rank 0", "started on rank 1");

            ProcessResult query = dmg(port, "system", "query");
            assertThat(query.exitCode()).as(query.toString()).isZero();
            assertThat(query.stdout()).containsPattern("\\[0-1\\]\\s+Joined");
            ProcessResult leader = dmg(port, "system", "leader-query");
            assertThat(leader.exitCode()).as(leader.toString()).isZero();
            assertThat(leader.stdout()).contains("Current Leader: 127.0.0.1:" + port);
        }

        try (ServerProcess restarted = ServerProcess.start(work, config, port)) {
            Map<Integer, List<String>> again = awaitBothJoined(port);
            assertThat(again.get(0).get(0)).as("rank 0 is the same engine").isEqualTo(first.get(0).get(0));
            assertThat(again.get(1).get(0)).as("rank 1 is the same engine").isEqualTo(first.get(1).get(0));
            assertThat(restarted.log()).doesNotContain("SCM format required");

            long pid = awaitEnginePid(restarted, 1);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            await("rank 1 errored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "errored".equals(members(port).getOrDefault(1, List.of("", "")).get(1)));
            assertThat(members(port).get(0).get(1)).isEqualTo("joined");
            assertThat(restarted.log()).containsPattern("instance 1, pid " + pid + ", rank 1 exited");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            long survivor = awaitEnginePid(restarted, 0);
            restarted.close();
            assertThat(restarted.log()).containsPattern("pid " + survivor + ", rank 0 exited with status signal: killed");
            await("engine " + survivor + " gone").atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessHandle.of(survivor).map(p -> !p.isAlive()).orElse(true));
        }
    }

    /**
     * The pid of the engine of {@code rank}, from DAOS's start-up line the engine prints after SetUp (logged with the
     * harness's {@code daos_engine:<idx>} prefix; in this config instance i is rank i), waiting for the line.
     */
    private static long awaitEnginePid(ServerProcess server, int rank) {
        Pattern line = Pattern.compile("daos_engine:" + rank + " DAOS I/O Engine \\(v2\\.6\\.5\\) process (\\d+)"
                + " started on rank " + rank + "\\b");
        await("start-up line of rank " + rank).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> line.matcher(server.log()).find());
        Matcher m = line.matcher(server.log());
        long pid = -1;
        while (m.find()) {
            pid = Long.parseLong(m.group(1));
        }
        return pid;
    }
}
