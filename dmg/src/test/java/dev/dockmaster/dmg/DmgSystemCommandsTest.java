package dev.dockmaster.dmg;

import dev.dockmaster.proto.mgmt.DaosResp;
import dev.dockmaster.proto.mgmt.SystemCleanupResp;
import dev.dockmaster.proto.mgmt.SystemEraseResp;
import dev.dockmaster.proto.mgmt.SystemExcludeReq;
import dev.dockmaster.proto.mgmt.SystemExcludeResp;
import dev.dockmaster.proto.mgmt.SystemGetAttrResp;
import dev.dockmaster.proto.mgmt.SystemGetPropResp;
import dev.dockmaster.proto.mgmt.SystemMember;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.proto.mgmt.SystemSetAttrReq;
import dev.dockmaster.proto.mgmt.SystemSetPropReq;
import dev.dockmaster.proto.mgmt.SystemStartReq;
import dev.dockmaster.proto.mgmt.SystemStartResp;
import dev.dockmaster.proto.mgmt.SystemStopReq;
import dev.dockmaster.proto.mgmt.SystemStopResp;
import dev.dockmaster.proto.shared.RankResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.dockmaster.dmg.DmgGoldenTest.golden;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dmg system stop|start|exclude|clear-exclude|erase|cleanup|set-attr|get-attr|del-attr|set-prop|get-prop}:
 * DAOS 2.6's tables, messages, JSON envelopes, and a non-zero exit on any errored or absent rank.
 */
class DmgSystemCommandsTest {

    private static RankResult result(int rank, String action, boolean errored, String msg, String state) {
        return RankResult.newBuilder().setRank(rank).setAction(action).setErrored(errored).setMsg(msg)
                .setState(state).setAddr("10.0.0." + (rank / 2 + 1) + ":10001").build();
    }

    private static DmgHarness answering(Object... responses) {
        DmgHarness h = DmgHarness.scripted();
        for (Object r : responses) {
            h.invoker.respond("localhost", r);
        }
        return h;
    }

    private static DmgHarness.Result run(DmgHarness h, List<String> args) {
        return h.run(args.toArray(String[]::new));
    }

    private static List<String> args(String... parts) {
        return new ArrayList<>(List.of(parts));
    }

    @Test
    void systemWithoutACommandListsThemAll() {
        DmgHarness.Result r = DmgHarness.scripted().run("system");
        assertThat(r.err()).contains("Please specify one command of: cleanup, clear-exclude, del-attr, erase, "
                + "exclude, get-attr, get-prop, leader-query, list-pools, query, set-attr, set-prop, start or stop");
        assertThat(r.exitCode()).isNotZero();
    }

    // --- stop / start

    @Test
    void stopGroupsRanksByOperationAndResultAndFailsOnErrorsAndAbsentRanks() {
        DmgHarness.Result r = answering(SystemStopResp.newBuilder()
                .addResults(result(0, "stop", false, "system stop", "stopped"))
                .addResults(result(1, "stop", false, "system stop", "stopped"))
                .addResults(result(2, "stop", true, "exit status 1", "errored"))
                .addResults(result(3, "stop", false, "system stop", "stopped"))
                .addResults(result(4, "stop", true, "exit status 1", "errored"))
                .setAbsentranks("7-8").build()).run("system", "stop", "-r", "0-4,7-8");
        assertThat(r.out()).isEqualTo(golden("""
Rank    Operation Result        $
----    --------- ------        $
[0-1,3] stop      OK            $
[7-8]   ----      Unknown Rank  $
[2,4]   stop      exit status 1 $

"""));
        assertThat(r.err()).isEqualTo(
                "ERROR: dmg: system stop failed: non-existent ranks 7-8, check results for failed ranks 2,4\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void startOfEveryRankSucceeds() {
        DmgHarness.Result r = answering(SystemStartResp.newBuilder()
                .addResults(result(0, "start", false, "system start", "ready"))
                .addResults(result(1, "start", false, "system start", "ready")).build()).run("system", "start");
        assertThat(r.out()).isEqualTo(golden("""
Rank  Operation Result $
----  --------- ------ $
[0-1] start     OK     $

"""));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void noResultsReportsAbsentHostsAndRanksOnStderr() {
        DmgHarness.Result r = answering(SystemStopResp.newBuilder().setAbsentranks("7-8").setAbsenthosts("foo")
                .build()).run("system", "stop", "--rank-hosts", "foo");
        assertThat(r.out()).isEqualTo("No results returned\n");
        assertThat(r.err()).isEqualTo("""
ERROR: Unknown 1 host: foo
Unknown 2 ranks: 7-8
ERROR: dmg: system stop failed: non-existent hosts foo, non-existent ranks 7-8
""");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    static Stream<Arguments> stopFlags() {
        return Stream.of(
                Arguments.of("forced by default", List.of(), SystemStopReq.newBuilder().setForce(true)),
                Arguments.of("--force is the default", List.of("--force"), SystemStopReq.newBuilder().setForce(true)),
                Arguments.of("--full is graceful", List.of("--full"), SystemStopReq.newBuilder()),
                Arguments.of("ranks", List.of("-r", "[1-2]", "--ignore-admin-excluded"),
                        SystemStopReq.newBuilder().setForce(true).setRanks("1-2").setIgnoreAdminExcluded(true)),
                Arguments.of("rank hosts", List.of("--rank-hosts", "node[1-2],node3"),
                        SystemStopReq.newBuilder().setForce(true).setHosts("node[1-3]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stopFlags")
    void stopFlagsBecomeTheRequest(String name, List<String> flags, SystemStopReq.Builder expected) {
        DmgHarness h = answering(SystemStopResp.newBuilder().addResults(result(1, "stop", false, "", "stopped"))
                .build());
        List<String> args = args("system", "stop");
        args.addAll(flags);
        assertThat(run(h, args).exitCode()).isZero();
        assertThat(h.invoker.requests().get(0).message()).isEqualTo(expected.setSys("daos_server-2.6.5").build());
    }

    @Test
    void startFlagsBecomeTheRequest() {
        DmgHarness h = answering(SystemStartResp.newBuilder().addResults(result(1, "start", false, "", "ready"))
                .build());
        assertThat(h.run("system", "start", "-r", "1", "--ignore-admin-excluded").exitCode()).isZero();
        assertThat(h.invoker.requests().get(0).message()).isEqualTo(SystemStartReq.newBuilder()
                .setSys("daos_server-2.6.5").setRanks("1").setIgnoreAdminExcluded(true).build());
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of("force and full", List.of("system", "stop", "--force", "--full"),
                        "system stop failed: client: code = 500 description = \"--force may not be mixed with "
                                + "--full\""),
                Arguments.of("full and ranks", List.of("system", "stop", "--full", "-r", "1"),
                        "--full may not be mixed with --ranks"),
                Arguments.of("ranks and hosts", List.of("system", "start", "-r", "1", "--rank-hosts", "h1"),
                        "system start failed: client: code = 500 description = \"--ranks and --rank-hosts options "
                                + "cannot be set together\""),
                Arguments.of("exclude nothing", List.of("system", "exclude"), "no ranks or hosts specified"),
                Arguments.of("bad attribute", List.of("system", "set-attr", "novalue"),
                        "invalid property \"novalue\" (must be key:val)"),
                Arguments.of("unknown property", List.of("system", "set-prop", "colour:blue"),
                        "invalid system property key: colour"),
                Arguments.of("read-only property", List.of("system", "set-prop", "daos_version:9"),
                        "computed property values may not be set"),
                Arguments.of("bad scrub mode", List.of("system", "set-prop", "pool_scrub_mode:eager"),
                        "invalid value \"eager\" for pool_scrub_mode (valid: lazy,off,timed)"),
                Arguments.of("unknown get-prop key", List.of("system", "get-prop", "colour"),
                        "invalid system property key: colour"),
                Arguments.of("cleanup without machine", List.of("system", "cleanup"), "machine to cleanup"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlags")
    void badFlagsFailBeforeAnyRequest(String name, List<String> args, String expected) {
        DmgHarness h = DmgHarness.scripted();
        DmgHarness.Result r = run(h, args);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(expected);
        assertThat(h.invoker.requests()).isEmpty();
    }

    @Test
    void stopJsonIsDaosMemberResults() {
        DmgHarness.Result r = answering(SystemStopResp.newBuilder()
                .addResults(result(1, "stop", false, "system stop", "stopped")).build()).run("-j", "system", "stop");
        assertThat(r.out()).isEqualTo("""
{
  "response": {
    "Results": [
      {
        "state": "stopped",
        "Addr": "10.0.0.1:10001",
        "Rank": 1,
        "Action": "stop",
        "Errored": false,
        "Msg": "system stop"
      }
    ]
  },
  "error": null,
  "status": 0
}
""");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void stopJsonWithAFailedRankCarriesTheErrorAndFails() {
        DmgHarness.Result r = answering(SystemStopResp.newBuilder()
                .addResults(result(2, "stop", true, "unresponsive", "unresponsive")).build())
                .run("-j", "system", "stop");
        assertThat(r.out()).contains("\"Errored\": true").endsWith("""
  "error": "check results for failed rank 2",
  "status": -1025
}
""");
        assertThat(r.err()).isEqualTo("ERROR: dmg: system stop failed: check results for failed rank 2\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    // --- exclude / clear-exclude

    @Test
    void excludePrintsTheUpdatedRanks() {
        DmgHarness h = answering(SystemExcludeResp.newBuilder()
                .addResults(result(1, "set admin-excluded state", false, "", "adminexcluded"))
                .addResults(result(2, "set admin-excluded state", false, "", "adminexcluded")).build());
        DmgHarness.Result r = h.run("system", "exclude", "-r", "1-2");
        assertThat(r.out()).isEqualTo("updated ranks: 1-2\n");
        assertThat(r.exitCode()).isZero();
        assertThat(h.invoker.requests().get(0).message()).isEqualTo(SystemExcludeReq.newBuilder()
                .setSys("daos_server-2.6.5").setRanks("1-2").build());
    }

    @Test
    void clearExcludeSetsClearAndReportsFailedRanksUnprefixed() {
        DmgHarness h = answering(SystemExcludeResp.newBuilder()
                .addResults(result(3, "clear admin-excluded state", true, "rank 3 is joined", "joined")).build());
        DmgHarness.Result r = h.run("system", "clear-exclude", "--rank-hosts", "node3");
        assertThat(r.out()).isEqualTo("updated ranks: 3\n");
        assertThat(r.err()).isEqualTo("ERROR: Errors: failed rank 3\nERROR: dmg: failed rank 3\n");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(h.invoker.requests().get(0).message()).isEqualTo(SystemExcludeReq.newBuilder()
                .setSys("daos_server-2.6.5").setHosts("node3").setClear(true).build());
    }

    // --- erase

    private static SystemMember member(int rank, String state) {
        return SystemMember.newBuilder().setRank(rank).setState(state).build();
    }

    @Test
    void eraseIsRefusedWhileRanksRun() {
        DmgHarness h = answering(SystemQueryResp.newBuilder().addMembers(member(0, "joined"))
                .addMembers(member(1, "stopped")).build());
        DmgHarness.Result r = h.run("system", "erase");
        assertThat(r.err()).startsWith("ERROR: dmg: client: code = 500 description = \"system erase requires the "
                + "following 1 rank to be stopped: 0\"\n");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(h.invoker.requests()).extracting(q -> q.name()).containsExactly("SystemQuery");
    }

    @Test
    void eraseOfAStoppedSystemPrintsNothing() {
        DmgHarness h = answering(SystemQueryResp.newBuilder().addMembers(member(0, "stopped")).build(),
                SystemEraseResp.newBuilder().addResults(result(0, "reset format", false, "", "awaitformat")).build());
        DmgHarness.Result r = h.run("system", "erase");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(h.invoker.requests()).extracting(q -> q.name()).containsExactly("SystemQuery", "SystemErase");
    }

    @Test
    void eraseWithAFailedResetFails() {
        DmgHarness.Result r = answering(SystemQueryResp.getDefaultInstance(), SystemEraseResp.newBuilder()
                .addResults(result(0, "reset format", true, "no superblock", "errored")).build())
                .run("system", "erase");
        assertThat(r.err()).isEqualTo("ERROR: dmg: failed rank 0\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    // --- cleanup

    private static SystemCleanupResp cleaned() {
        return SystemCleanupResp.newBuilder()
                .addResults(SystemCleanupResp.CleanupResult.newBuilder().setPoolId("pool-a").setCount(3))
                .addResults(SystemCleanupResp.CleanupResult.newBuilder().setPoolId("pool-bb").setCount(12)).build();
    }

    @Test
    void cleanupSummaryAndVerboseTable() {
        assertThat(answering(cleaned()).run("system", "cleanup", "client7").out())
                .isEqualTo("System Cleanup Success\n");
        assertThat(answering(cleaned()).run("system", "cleanup", "-v", "client7").out()).isEqualTo(golden("""
Pool    Handles Revoked $
----    --------------- $
pool-a  3               $
pool-bb 12              $

"""));
        assertThat(answering(SystemCleanupResp.getDefaultInstance()).run("system", "cleanup", "client7").out())
                .isEqualTo("No handles cleaned up\n");
    }

    @Test
    void cleanupWithAFailedPoolFails() {
        DmgHarness.Result r = answering(SystemCleanupResp.newBuilder().addResults(SystemCleanupResp.CleanupResult
                .newBuilder().setPoolId("p").setStatus(-1012).setMsg("pool p busy")).build())
                .run("system", "cleanup", "client7");
        assertThat(r.err()).isEqualTo("ERROR: pool p busy\nERROR: dmg: system cleanup failed: pool p busy\n");
        assertThat(r.out()).isEqualTo("System Cleanup Success\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    // --- attributes

    @Test
    void setAttrSendsThePairs() {
        DmgHarness h = answering(DaosResp.getDefaultInstance());
        DmgHarness.Result r = h.run("system", "set-attr", "owner:ops,site:\"a:b\"");
        assertThat(r.out()).isEqualTo("system set-attr succeeded\n");
        assertThat(((SystemSetAttrReq) h.invoker.requests().get(0).message()).getAttributesMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("owner", "ops", "site", "\"a:b\""));
    }

    @Test
    void delAttrSetsEmptyValues() {
        DmgHarness h = answering(DaosResp.getDefaultInstance());
        DmgHarness.Result r = h.run("system", "del-attr", "owner,site");
        assertThat(r.out()).isEqualTo("system del-attr succeeded\n");
        assertThat(((SystemSetAttrReq) h.invoker.requests().get(0).message()).getAttributesMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("owner", "", "site", ""));
    }

    @Test
    void setAttrJsonHasNoResponse() {
        DmgHarness.Result r = answering(DaosResp.getDefaultInstance()).run("-j", "system", "set-attr", "k:v");
        assertThat(r.out()).isEqualTo("""
{
  "response": null,
  "error": null,
  "status": 0
}
""");
    }

    @Test
    void setAttrFailureIsWrapped() {
        DmgHarness.Result r = answering(DaosResp.newBuilder().setStatus(-1003).build())
                .run("system", "set-attr", "k:v");
        assertThat(r.err()).startsWith("ERROR: dmg: system set-attr failed: ");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void getAttrTableByName() {
        DmgHarness.Result r = answering(SystemGetAttrResp.newBuilder().putAttributes("site", "lab")
                .putAttributes("owner", "ops").build()).run("system", "get-attr");
        assertThat(r.out()).isEqualTo(golden("""
Name  Value $
----  ----- $
owner ops   $
site  lab   $
"""));
        assertThat(answering(SystemGetAttrResp.getDefaultInstance()).run("system", "get-attr", "x").out())
                .isEqualTo("No system attributes found.\n");
    }

    @Test
    void getAttrJson() {
        DmgHarness.Result r = answering(SystemGetAttrResp.newBuilder().putAttributes("site", "lab")
                .putAttributes("owner", "ops").build()).run("-j", "system", "get-attr", "site,owner");
        assertThat(r.out()).isEqualTo("""
{
  "response": {
    "attributes": {
      "owner": "ops",
      "site": "lab"
    }
  },
  "error": null,
  "status": 0
}
""");
    }

    // --- properties

    @Test
    void setPropNormalizesValues() {
        DmgHarness h = answering(DaosResp.getDefaultInstance());
        DmgHarness.Result r = h.run("system", "set-prop", "pool_scrub_mode:Timed,pool_scrub_thresh:10");
        assertThat(r.out()).isEqualTo("system set-prop succeeded\n");
        assertThat(((SystemSetPropReq) h.invoker.requests().get(0).message()).getPropertiesMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("pool_scrub_mode", "timed", "pool_scrub_thresh", "10"));
    }

    @Test
    void getPropTableNamesDescriptionAndKey() {
        DmgHarness.Result r = answering(SystemGetPropResp.newBuilder().putProperties("pool_scrub_mode", "off")
                .putProperties("daos_system", "daos_server").putProperties("daos_version", "2.6.5")
                .putProperties("pool_scrub_thresh", "0").build()).run("system", "get-prop");
        assertThat(r.out()).isEqualTo(golden("""
Name                                             Value       $
----                                             -----       $
DAOS version (daos_version)                      2.6.5       $
DAOS system name (daos_system)                   daos_server $
Checksum scrubbing mode (pool_scrub_mode)        off         $
Checksum scrubbing threshold (pool_scrub_thresh) 0           $
"""));
    }

    @Test
    void getPropJsonIsThePropertyList() {
        DmgHarness.Result r = answering(SystemGetPropResp.newBuilder().putProperties("pool_scrub_mode", "lazy")
                .build()).run("-j", "system", "get-prop", "pool_scrub_mode");
        assertThat(r.out()).isEqualTo("""
{
  "response": [
    {
      "key": "pool_scrub_mode",
      "value": "lazy",
      "description": "Checksum scrubbing mode"
    }
  ],
  "error": null,
  "status": 0
}
""");
    }
}
