package dev.dockmaster.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockmaster.proto.mgmt.LeaderQueryReq;
import dev.dockmaster.proto.mgmt.MgmtSvcGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A highly available management service: three daos_server processes on loopback, each an access point (one Ratis
 * group of three replicas), two simulated engines each (ranks 0-5). System commands go through the leader; the
 * leader's daos_server is then SIGKILLed: another replica leads within 10 s, the system answers through a surviving
 * host (the dead host's ranks Unresponsive), and when the old leader comes back every member, rank and attribute is
 * still there.
 */
class HighAvailabilityIT {
    static final Duration FAILOVER_LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    /** {@code dmg -j system leader-query} through {@code via}: current leader and replica list, or null on error. */
    static JsonObject leaderQuery(TestSystem system, String via) {
        ProcessResult result = system.dmgOn(via, "-j", "system", "leader-query");
        if (result.exitCode() != 0) {
            return null;
        }
        return JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonObject("response");
    }

    /**
     * The leader {@code replica} names, asked directly over gRPC (plaintext, as the test system runs) with a short
     * deadline; empty when it does not answer or knows no leader.
     */
    static String leaderNamedBy(String replica) {
        ManagedChannel channel = Grpc.newChannelBuilder(replica, InsecureChannelCredentials.create()).build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("x-daos-component", Metadata.ASCII_STRING_MARSHALLER), "admin");
            headers.put(Metadata.Key.of("x-daos-version", Metadata.ASCII_STRING_MARSHALLER), "2.6.5");
            return MgmtSvcGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(1, TimeUnit.SECONDS)
                    .leaderQuery(LeaderQueryReq.newBuilder().setSys("daos_server-2.6.5").build())
                    .getCurrentLeader();
        } catch (StatusRuntimeException e) {
            return "";
        } finally {
            channel.shutdownNow();
        }
    }

    /** {@code dmg -j system query} through {@code via}: member states by rank, lower-case. */
    static Map<Integer, JsonObject> members(TestSystem system, String via) {
        ProcessResult result = system.dmgOn(via, "-j", "system", "query");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonObject response = JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonObject("response");
        Map<Integer, JsonObject> byRank = new TreeMap<>();
        JsonArray list = response.getAsJsonArray("members");
        for (JsonElement m : list) {
            byRank.put(m.getAsJsonObject().get("rank").getAsInt(), m.getAsJsonObject());
        }
        return byRank;
    }

    static String state(JsonObject member) {
        return member.get("state").getAsString().toLowerCase();
    }

    @Test
    void threeAccessPointsKeepTheSystemThroughTheLeadersDeath() {
        try (TestSystem system = new TestSystem(work, List.of(2, 2, 2), List.of(0, 1, 2))) {
            try {
                run(system);
            } catch (AssertionError | RuntimeException e) {
                // the servers' logs go with the temporary directory: keep their ends with the failure
                System.out.println(tail(system.logs(), 400));
                throw e;
            }
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }

    private void run(TestSystem system) {
        {
            system.startAll();
            Map<Integer, JsonObject> joined = system.awaitAllJoined(Duration.ofSeconds(240));
            assertThat(joined).containsOnlyKeys(0, 1, 2, 3, 4, 5);
            Map<Integer, String> uuidOfRank = new TreeMap<>();
            Map<Integer, String> addrOfRank = new TreeMap<>();
            joined.forEach((rank, m) -> {
                uuidOfRank.put(rank, m.get("uuid").getAsString());
                addrOfRank.put(rank, m.get("addr").getAsString());
            });
            for (int host = 0; host < 3; host++) {
                String addr = system.address(host);
                assertThat(addrOfRank.values().stream().filter(addr::equals).count()).as("ranks on " + addr)
                        .isEqualTo(2);
            }

            // the engines of every replica joined, so the leader made all three raft voters: any replica answers
            for (int host = 0; host < 3; host++) {
                String via = system.address(host);
                await("leader-query through " + via).atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                            JsonObject lq = leaderQuery(system, via);
                            assertThat(lq).isNotNull();
                            assertThat(lq.get("current_leader").getAsString()).isNotEmpty();
                            assertThat(lq.getAsJsonArray("replicas")).hasSize(3);
                        });
            }

            // system stop -r 1 stops only rank 1; system start brings every rank back Joined with the same ranks
            ProcessResult stop = system.dmg("system", "stop", "-r", "1");
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
            await("rank 1 stopped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "stopped".equals(system.states().get(1)));
            Map<Integer, String> afterStop = system.states();
            afterStop.forEach((rank, state) -> {
                if (rank != 1) {
                    assertThat(state).as("rank " + rank).isEqualTo("joined");
                }
            });
            ProcessResult start = system.dmg("system", "start");
            assertThat(start.exitCode()).as(start.toString()).isZero();
            Map<Integer, JsonObject> again = system.awaitAllJoined(Duration.ofSeconds(120));
            again.forEach((rank, m) -> assertThat(m.get("uuid").getAsString()).as("rank " + rank)
                    .isEqualTo(uuidOfRank.get(rank)));

            ProcessResult set = system.dmg("system", "set-attr", "owner:lab,purpose:failover");
            assertThat(set.exitCode()).as(set.toString()).isZero();

            // SIGKILL the leader's daos_server
            String leader = leaderQuery(system, system.accessPoints()).get("current_leader").getAsString();
            int dead = system.hostOf(leader);
            assertThat(dead).as("leader " + leader + " is one of the hosts").isNotNegative();
            List<String> survivors = new ArrayList<>();
            for (int host = 0; host < 3; host++) {
                if (host != dead) {
                    survivors.add(system.address(host));
                }
            }
            String via = String.join(",", survivors);
            long killedAt = System.nanoTime();
            system.kill(dead);

            AtomicReference<String> newLeader = new AtomicReference<>();
            await("a new leader among " + survivors).atMost(FAILOVER_LIMIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        for (String survivor : survivors) {
                            String named = leaderNamedBy(survivor);
                            if (survivors.contains(named)) {
                                newLeader.set(named);
                                return true;
                            }
                        }
                        return false;
                    });
            Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
            System.out.printf("HighAvailabilityIT: leader %s killed; %s leads after %d ms%n", leader,
                    newLeader.get(), failover.toMillis());
            // and dmg, through the survivors, names it too
            await("dmg names the new leader").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        JsonObject lq = leaderQuery(system, via);
                        assertThat(lq).isNotNull();
                        assertThat(survivors).contains(lq.get("current_leader").getAsString());
                    });

            // the system answers through a surviving host: its ranks Joined, the dead host's ranks Unresponsive
            await("the dead host's ranks unresponsive").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        Map<Integer, JsonObject> now = members(system, via);
                        assertThat(now).containsOnlyKeys(uuidOfRank.keySet());
                        now.forEach((rank, m) -> {
                            if (addrOfRank.get(rank).equals(leader)) {
                                assertThat(state(m)).as("rank " + rank + " on the dead host")
                                        .isIn("unresponsive", "errored", "unknown");
                            } else {
                                assertThat(state(m)).as("rank " + rank).isEqualTo("joined");
                            }
                        });
                    });
            ProcessResult plain = system.dmgOn(via, "system", "query");
            assertThat(plain.exitCode()).as(plain.toString()).isZero();
            assertThat(plain.stdout()).contains("Joined").contains("Unresponsive");
            ProcessResult attrs = system.dmgOn(via, "system", "get-attr");
            assertThat(attrs.exitCode()).as(attrs.toString()).isZero();
            assertThat(attrs.stdout()).contains("owner").contains("lab").contains("failover");
            // writes go to the new leader
            ProcessResult setDuring = system.dmgOn(via, "system", "set-attr", "during:outage");
            assertThat(setDuring.exitCode()).as(setDuring.toString()).isZero();

            // the old leader comes back: its engines rejoin with their ranks, nothing was lost
            system.start(dead);
            Map<Integer, JsonObject> back = system.awaitAllJoined(Duration.ofSeconds(180));
            assertThat(back).containsOnlyKeys(uuidOfRank.keySet());
            back.forEach((rank, m) -> {
                assertThat(m.get("uuid").getAsString()).as("rank " + rank).isEqualTo(uuidOfRank.get(rank));
                assertThat(m.get("addr").getAsString()).as("rank " + rank).isEqualTo(addrOfRank.get(rank));
            });
            // the returned replica has caught up: it answers reads itself, with every attribute
            String returned = system.address(dead);
            await("the returned replica caught up").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        ProcessResult get = system.dmgOn(returned, "system", "get-attr");
                        assertThat(get.exitCode()).as(get.toString()).isZero();
                        assertThat(get.stdout()).contains("owner").contains("lab").contains("during")
                                .contains("outage");
                        assertThat(members(system, returned).values().stream().map(HighAvailabilityIT::state)
                                .collect(Collectors.toSet())).containsExactly("joined");
                    });
            JsonObject lq = leaderQuery(system, returned);
            assertThat(lq).isNotNull();
            assertThat(lq.getAsJsonArray("replicas")).hasSize(3);

            // DAOS's reformat sequence on the three replicas: stop -> erase (every replica's database) ->
            // format --force gives a fresh system: six new engines Joined as ranks 0-5, no attributes
            ProcessResult stopAll = system.dmg("system", "stop");
            assertThat(stopAll.exitCode()).as(stopAll.toString()).isZero();
            await("every rank stopped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> system.states().values().stream().allMatch("stopped"::equals));
            ProcessResult erase = system.dmg("system", "erase");
            assertThat(erase.exitCode()).as(erase.toString() + system.logs()).isZero();
            for (int host = 0; host < system.hosts(); host++) {
                assertThat(system.server(host).log()).as("host " + host)
                        .contains("system database erased on this replica");
            }
            ProcessResult format = system.dmgOn(system.allHosts(), "storage", "format", "--force");
            assertThat(format.exitCode()).as(format.toString() + system.logs()).isZero();
            Map<Integer, JsonObject> fresh = system.awaitAllJoined(Duration.ofSeconds(180));
            assertThat(fresh).containsOnlyKeys(uuidOfRank.keySet());
            assertThat(fresh.values().stream().map(m -> m.get("uuid").getAsString()).toList())
                    .as("new engine identities").doesNotContainAnyElementsOf(uuidOfRank.values());
            ProcessResult attrsAfter = system.dmg("system", "get-attr");
            assertThat(attrsAfter.exitCode()).as(attrsAfter.toString()).isZero();
            assertThat(attrsAfter.stdout()).doesNotContain("owner").doesNotContain("outage");
        }
    }
}
