package dev.dockmaster.dmg;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.proto.mgmt.LeaderQueryResp;
import dev.dockmaster.proto.mgmt.SystemMember;
import dev.dockmaster.proto.mgmt.SystemQueryReq;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.spi.Fault;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.dockmaster.dmg.DmgGoldenTest.golden;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code dmg system query} and {@code dmg system leader-query}: DAOS 2.6's tables, JSON, flags and exit codes. */
class DmgSystemTest {

    private static SystemMember member(int rank, String state) {
        return SystemMember.newBuilder().setRank(rank).setState(state)
                .setUuid(String.format("%08d-0000-0000-0000-000000000000", rank))
                .setAddr("10.0.0." + (rank / 2 + 1) + ":10001").setFaultDomain("/node" + (rank / 2 + 1))
                .setFabricUri("ofi+tcp://10.0.0." + (rank / 2 + 1) + ":" + (31416 + rank % 2)).setFabricContexts(4)
                .setIncarnation(1000 + rank).setLastUpdate("2026-11-26T01:02:03.456789Z").build();
    }

    /** DAOS's "normal response" case: two groups of several ranks and a lone one. */
    private static SystemQueryResp mixed() {
        return SystemQueryResp.newBuilder().setDataVersion(12)
                .addMembers(member(0, "joined")).addMembers(member(1, "joined")).addMembers(member(2, "stopped"))
                .addMembers(member(3, "excluded")).addMembers(member(4, "stopped")).addMembers(member(5, "joined"))
                .addMembers(member(6, "joined")).build();
    }

    private static DmgHarness answering(SystemQueryResp resp) {
        DmgHarness h = DmgHarness.scripted();
        h.invoker.respond("localhost", resp);
        return h;
    }

    @Test
    void ranksAreGroupedByStateLargestGroupFirst() {
        DmgHarness.Result r = answering(mixed()).run("system", "query");
        assertThat(r.out()).isEqualTo(golden("""
Rank      State    $
----      -----    $
[0-1,5-6] Joined   $
[2,4]     Stopped  $
3         Excluded $

"""));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void twoJoinedEnginesReadAsTheEmbeddedDefaultShowsThem() {
        DmgHarness.Result r = answering(SystemQueryResp.newBuilder().addMembers(member(0, "joined"))
                .addMembers(member(1, "joined")).build()).run("system", "query");
        assertThat(r.out()).isEqualTo(golden("""
Rank  State  $
----  -----  $
[0-1] Joined $

"""));
    }

    @Test
    void absentRanksJoinTheTableAndAbsentHostsGoToStderrAndFail() {
        DmgHarness.Result r = answering(mixed().toBuilder().setAbsentranks("7-9").setAbsenthosts("foo[7-9]").build())
                .run("system", "query");
        assertThat(r.out()).isEqualTo(golden("""
Rank      State        $
----      -----        $
[0-1,5-6] Joined       $
[7-9]     Unknown Rank $
[2,4]     Stopped      $
3         Excluded     $

"""));
        assertThat(r.err()).isEqualTo("""
ERROR: Unknown 3 hosts: foo[7-9]
ERROR: dmg: system query failed: non-existent hosts foo[7-9], non-existent ranks 7-9
""");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void verboseListsEveryMember() {
        DmgHarness.Result r = answering(SystemQueryResp.newBuilder().addMembers(member(0, "joined"))
                .addMembers(member(1, "errored").toBuilder().setInfo("process exited with exit status 1")).build())
                .run("system", "query", "-v");
        assertThat(r.out()).isEqualTo(golden("""
Rank UUID                                 Control Address Fault Domain State   Reason                            $
---- ----                                 --------------- ------------ -----   ------                            $
0    00000000-0000-0000-0000-000000000000 10.0.0.1:10001  /node1       Joined                                    $
1    00000001-0000-0000-0000-000000000000 10.0.0.1:10001  /node1       Errored process exited with exit status 1 $

"""));
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void verboseReportsAbsentHostsAndRanksOnStderr() {
        DmgHarness.Result r = answering(SystemQueryResp.newBuilder().addMembers(member(0, "joined"))
                .setAbsentranks("7").setAbsenthosts("foo[7-9]").build()).run("system", "query", "--verbose");
        assertThat(r.err()).isEqualTo("""
ERROR: Unknown 3 hosts: foo[7-9]
Unknown 1 rank: 7
ERROR: dmg: system query failed: non-existent hosts foo[7-9], non-existent ranks 7
""");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void noMatchingRanks() {
        DmgHarness.Result r = answering(SystemQueryResp.getDefaultInstance()).run("system", "query", "--not-ok");
        assertThat(r.out()).isEqualTo("Query matches no ranks in system\n");
        assertThat(r.exitCode()).isZero();
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("ranks", List.of("-r", "[0-3,5]"), "0-3,5", "", 0xFFFF),
                Arguments.of("rank hosts", List.of("--rank-hosts", "node[1-2],node3"), "", "node[1-3]", 0xFFFF),
                Arguments.of("not ok", List.of("--not-ok"), "", "", 0xFFF7),
                Arguments.of("states any case", List.of("--with-states", "Joined,stopped,AWAITFORMAT"), "", "",
                        0x0029));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filtersBecomeTheRequest(String name, List<String> flags, String ranks, String hosts, int mask) {
        DmgHarness h = answering(mixed());
        List<String> args = new java.util.ArrayList<>(List.of("system", "query"));
        args.addAll(flags);
        assertThat(h.run(args.toArray(String[]::new)).exitCode()).isZero();
        SystemQueryReq sent = (SystemQueryReq) h.invoker.requests().get(0).message();
        assertThat(sent).isEqualTo(SystemQueryReq.newBuilder().setSys("daos_server-2.6.5").setRanks(ranks)
                .setHosts(hosts).setStateMask(mask).build());
        assertThat(h.invoker.requests().get(0).hosts().toRangedString()).isEqualTo("localhost:10001");
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of("ranks and hosts", List.of("-r", "1", "--rank-hosts", "node1"),
                        "ERROR: dmg: system query failed: client: code = 500 description = "
                                + "\"--ranks and --rank-hosts options cannot be set together\""),
                Arguments.of("not ok and states", List.of("--not-ok", "--with-states", "joined"),
                        "--not-ok and --with-states options cannot be set together"),
                Arguments.of("unknown state", List.of("--with-states", "joined,sleepy"),
                        "invalid state name \\\"sleepy\\\""),
                Arguments.of("bad rank list", List.of("-r", "1-x"), "system query failed: client: code = "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlags")
    void badFlagsFailBeforeAnyRequest(String name, List<String> flags, String expected) {
        DmgHarness h = answering(mixed());
        List<String> args = new java.util.ArrayList<>(List.of("system", "query"));
        args.addAll(flags);
        DmgHarness.Result r = h.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(expected.replace("\\\"", "\""));
        assertThat(h.invoker.requests()).isEmpty();
    }

    @Test
    void jsonIsDaosSystemQueryResp() {
        DmgHarness.Result r = answering(SystemQueryResp.newBuilder().addMembers(member(1, "joined"))
                .addProviders("ofi+tcp").setDataVersion(4).build()).run("-j", "system", "query");
        assertThat(r.out()).isEqualTo("""
{
  "response": {
    "members": [
      {
        "addr": "10.0.0.1:10001",
        "state": "joined",
        "fault_domain": "/node1",
        "rank": 1,
        "incarnation": 1001,
        "uuid": "00000001-0000-0000-0000-000000000000",
        "fabric_uri": "ofi+tcp://10.0.0.1:31417",
        "secondary_fabric_uris": null,
        "fabric_contexts": 4,
        "secondary_fabric_contexts": null,
        "info": "",
        "last_update": "2026-11-26T01:02:03.456789Z"
      }
    ],
    "providers": [
      "ofi+tcp"
    ]
  },
  "error": null,
  "status": 0
}
""");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void jsonWithAbsentRanksCarriesTheErrorAndFails() {
        DmgHarness.Result r = answering(SystemQueryResp.newBuilder().setAbsentranks("3").build())
                .run("-j", "system", "query", "-r", "3");
        assertThat(r.out()).isEqualTo("""
{
  "response": {
    "members": null,
    "providers": null
  },
  "error": "non-existent ranks 3",
  "status": -1025
}
""");
        assertThat(r.err()).isEqualTo("ERROR: dmg: system query failed: non-existent ranks 3\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    static Stream<Arguments> msFailures() {
        return Stream.of(
                Arguments.of("no management service", new RuntimeException(
                        "rpc error: code = Unimplemented desc = unknown service mgmt.MgmtSvc",
                        Status.UNIMPLEMENTED.asRuntimeException()),
                        "ERROR: dmg: system query failed: rpc error: code = Unimplemented desc = unknown service "
                                + "mgmt.MgmtSvc\n"),
                Arguments.of("nobody listens", ClientFaults.refused("localhost:10001"),
                        "ERROR: dmg: system query failed: client: code = 506 description = \"the server at "
                                + "localhost:10001 refused the connection\": unable to contact the DAOS Management "
                                + "Service\n"),
                Arguments.of("not formatted", new RuntimeException(
                        "rpc error: code = Unknown desc = system is uninitialized (storage format required?)"),
                        "ERROR: dmg: system query failed: rpc error: code = Unknown desc = system is uninitialized "
                                + "(storage format required?)\n"),
                Arguments.of("a fault", new Fault("server", 616, "incompatible components", "upgrade dmg"),
                        "ERROR: dmg: system query failed: server: code = 616 description = \"incompatible "
                                + "components\"\nERROR: dmg: server: code = 616 resolution = \"upgrade dmg\"\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("msFailures")
    void managementServiceFailuresEndTheCommand(String name, RuntimeException error, String stderr) {
        DmgHarness h = DmgHarness.scripted();
        h.invoker.fail("localhost", error);
        DmgHarness.Result r = h.run("system", "query");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(stderr);
        assertThat(r.exitCode()).isEqualTo(1);
    }

    private static DmgHarness leaderAnswering() {
        LeaderQueryResp where = LeaderQueryResp.newBuilder().setCurrentLeader("10.0.0.1:10001")
                .addReplicas("10.0.0.1:10001").addReplicas("10.0.0.2:10001").addReplicas("10.0.0.3:10001").build();
        DmgHarness h = DmgHarness.scripted();
        h.invoker.respond("localhost", where).respond("10.0.0.[1-2]:10001", where)
                .fail("10.0.0.3:10001", ClientFaults.refused("10.0.0.3:10001"));
        return h;
    }

    @Test
    void leaderQueryPrintsLeaderReplicasAndDownOnes() {
        DmgHarness.Result r = leaderAnswering().run("system", "leader-query");
        assertThat(r.out()).isEqualTo("""
Current Leader: 10.0.0.1:10001
   Replica Set: 10.0.0.1:10001, 10.0.0.2:10001, 10.0.0.3:10001
  Unresponsive Replicas: 10.0.0.3:10001
""");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void leaderQueryDownReplicasOnly() {
        DmgHarness.Result r = leaderAnswering().run("system", "leader-query", "-N");
        assertThat(r.out()).isEqualTo("Unresponsive Replicas: 10.0.0.3:10001\n");
    }

    @Test
    void leaderQueryJson() {
        DmgHarness.Result r = leaderAnswering().run("-j", "system", "leader-query");
        assertThat(r.out()).isEqualTo("""
{
  "response": {
    "current_leader": "10.0.0.1:10001",
    "replicas": [
      "10.0.0.1:10001",
      "10.0.0.2:10001",
      "10.0.0.3:10001"
    ],
    "down_replicas": [
      "10.0.0.3:10001"
    ]
  },
  "error": null,
  "status": 0
}
""");
    }

    @Test
    void leaderQueryFailureIsWrappedAsDaosDoes() {
        DmgHarness h = DmgHarness.scripted();
        h.invoker.fail("localhost", ClientFaults.refused("localhost:10001"));
        DmgHarness.Result r = h.run("system", "leader-query");
        assertThat(r.err()).startsWith("ERROR: dmg: leader query failed: client: code = 506");
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
