package dev.dockmaster.dmg;

import dev.dockmaster.proto.mgmt.DeleteACLReq;
import dev.dockmaster.proto.mgmt.ModifyACLReq;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolDestroyReq;
import dev.dockmaster.proto.mgmt.PoolDrainReq;
import dev.dockmaster.proto.mgmt.PoolQueryReq;
import dev.dockmaster.proto.mgmt.PoolReintReq;
import dev.dockmaster.proto.mgmt.PoolSetPropReq;
import com.google.protobuf.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.dockmaster.dmg.DmgGoldenTest.golden;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dmg pool ...} against an in-process gRPC management service: DAOS 2.6's printouts, JSON envelopes, the
 * requests the flags become, and a non-zero exit with a clear error for every refusal.
 */
class DmgPoolTest {
    static final String TANK = "11111111-2222-3333-4444-555555555555";
    static final String FISH = "22222222-2222-3333-4444-555555555555";

    private PoolHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new PoolHarness();
        h.ms.add(TANK, "tank", 1_000_000_000L, 100_000_000_000L);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @SuppressWarnings("unchecked")
    private <T extends Message> List<T> sent(Class<T> type) {
        return h.ms.requests.stream().filter(type::isInstance).map(m -> (T) m).toList();
    }

    // ---- create

    @Test
    void createWithATotalSizePrintsTheSummary() {
        DmgHarness.Result r = h.run("pool", "create", "-u", "alice", "-g", "ops@lab", "-z", "10GB", "-v", "3",
                "-P", "reclaim:time", "fish");
        PoolCreateReq req = sent(PoolCreateReq.class).get(0);
        assertThat(r.out().replace(req.getUuid(), "<uuid>")).isEqualTo(golden("""
Creating DAOS pool with automatic storage allocation: 10 GB total, 6.38% ratio
Pool created with 6.00%,94.00% storage tier ratio
-------------------------------------------------
  UUID                 : <uuid>
  Service Leader       : 0                                   $
  Service Ranks        : [0-2]                               $
  Storage Ranks        : [0-3]                               $
  Total Size           : 10 GB                               $
  Storage tier 0 (SCM) : 600 MB (150 MB / rank)              $
  Storage tier 1 (NVMe): 9.4 GB (2.4 GB / rank)              $

"""));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(req.getSys()).isEqualTo("daos_server-2.6.5");
        assertThat(req.getUser()).isEqualTo("alice@");
        assertThat(req.getUsergroup()).isEqualTo("ops@lab");
        assertThat(req.getNumsvcreps()).isEqualTo(3);
        assertThat(req.getTotalbytes()).isEqualTo(10_000_000_000L);
        assertThat(req.getTierratioList()).containsExactly(0.06, 0.94);
        assertThat(req.getPropertiesList()).extracting(p -> p.getNumber() + "=" + p.getStrval() + p.getNumval())
                .containsExactly("1=fish0", "5=4");
    }

    @Test
    void createPerRankOnChosenRanks() {
        DmgHarness.Result r = h.run("pool", "create", "-u", "a", "-g", "b", "-s", "1GiB", "-n", "10GiB", "-r", "0-1",
                "small");
        PoolCreateReq req = sent(PoolCreateReq.class).get(0);
        assertThat(r.out().replace(req.getUuid(), "<uuid>")).isEqualTo(golden("""
Creating DAOS pool with manual per-engine storage allocation: 1.1 GB SCM, 11 GB NVMe (10.00% ratio)
Pool created with 9.09%,90.91% storage tier ratio
-------------------------------------------------
  UUID                 : <uuid>
  Service Leader       : 0                                   $
  Service Ranks        : [0-2]                               $
  Storage Ranks        : [0-1]                               $
  Total Size           : 24 GB                               $
  Storage tier 0 (SCM) : 2.1 GB (1.1 GB / rank)              $
  Storage tier 1 (NVMe): 22 GB (11 GB / rank)                $

"""));
        assertThat(req.getRanksList()).containsExactly(0, 1);
        assertThat(req.getTierbytesList()).containsExactly(1L << 30, 10L << 30);
        assertThat(req.getTotalbytes()).isZero();
    }

    @Test
    void createWithAPercentageTakesThatShareOfTheFullestRank() {
        DmgHarness.Result r = h.run("pool", "create", "-u", "a", "-g", "b", "-z", "50%", "fish");
        assertThat(r.out()).startsWith("Creating DAOS pool with 50% of all storage\nPool created with ");
        assertThat(r.exitCode()).isZero();
        PoolCreateReq req = sent(PoolCreateReq.class).get(0);
        // rank 3 has half the space of the others: 8 GB SCM, 200 GB NVMe; half of that on every rank
        assertThat(req.getTierbytesList()).containsExactly(FakePoolService.SCM_PER_RANK / 4,
                FakePoolService.NVME_PER_RANK / 4);
        assertThat(req.getTotalbytes()).isZero();
        assertThat(h.ms.requests).extracting(m -> m.getClass().getSimpleName())
                .containsExactly("SystemQueryReq", "StorageScanReq", "PoolCreateReq");
    }

    @Test
    void createWithAnAclFileSendsItsEntries(@TempDir Path dir) throws Exception {
        Path acl = Files.writeString(dir.resolve("acl"), "# pool ACL\nA::OWNER@:rw\nA:G:GROUP@:r\n");
        DmgHarness.Result r = h.run("-j", "pool", "create", "-u", "a", "-g", "b", "-s", "1GB", "-a", acl.toString(),
                "fish");
        PoolCreateReq req = sent(PoolCreateReq.class).get(0);
        assertThat(req.getAclList()).containsExactly("A::OWNER@:rw", "A:G:GROUP@:r");
        assertThat(r.out()).isEqualTo("""
{
  "response": {
    "uuid": "%s",
    "svc_ldr": 0,
    "svc_reps": [
      0,
      1,
      2
    ],
    "tgt_ranks": [
      0,
      1,
      2,
      3
    ],
    "tier_bytes": [
      1000000000,
      0
    ]
  },
  "error": null,
  "status": 0
}
""".formatted(req.getUuid()));
        assertThat(r.exitCode()).isZero();
    }

    static Stream<Arguments> serverRefusals() {
        return Stream.of(
                Arguments.of("larger than free space", List.of("-z", "10TB", "huge"),
                        "ERROR: dmg: pool create failed: DER_NOSPACE(-1007): No space on storage target\n"),
                Arguments.of("duplicate label", List.of("-z", "1GB", "tank"),
                        "ERROR: dmg: pool create failed: server: code = 609 description = \"pool label \"tank\" "
                                + "already exists in the system\"\n"
                                + "ERROR: dmg: server: code = 609 resolution = \"retry the operation with a unique "
                                + "pool label\"\n"),
                Arguments.of("a rank the system does not have", List.of("-s", "1GB", "-r", "2-5", "fish"),
                        "ERROR: dmg: pool create failed: server: code = 606 description = \"pool request contains "
                                + "invalid ranks: 4\"\n"
                                + "ERROR: dmg: server: code = 606 resolution = \"retry the request with a valid set "
                                + "of ranks\"\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverRefusals")
    void serverRefusalsExitNonZeroAndLeaveNothingBehind(String name, List<String> flags, String err) {
        List<String> args = new java.util.ArrayList<>(List.of("pool", "create", "-u", "a", "-g", "b"));
        args.addAll(flags);
        DmgHarness.Result r = h.run(args.toArray(String[]::new));
        assertThat(r.err()).isEqualTo(err);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(h.ms.pools).containsOnlyKeys(TANK);
    }

    @Test
    void aRefusedCreateInJsonCarriesTheDaosStatus() {
        DmgHarness.Result r = h.run("-j", "pool", "create", "-u", "a", "-g", "b", "-z", "10TB", "huge");
        assertThat(r.out()).isEqualTo("""
{
  "response": null,
  "error": "pool create failed: DER_NOSPACE(-1007): No space on storage target",
  "status": -1007
}
""");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aCreateTheServerAsksToRetryIsRetriedWithTheSameUuid() {
        h.ms.createStatuses.add(-1013);
        DmgHarness.Result r = h.run("pool", "create", "-u", "a", "-g", "b", "-s", "1GB", "fish");
        assertThat(r.exitCode()).isZero();
        List<PoolCreateReq> tries = sent(PoolCreateReq.class);
        assertThat(tries).hasSize(2);
        assertThat(tries.get(1).getUuid()).isEqualTo(tries.get(0).getUuid());
        assertThat(h.ms.pools).containsKey(tries.get(0).getUuid());
    }

    static Stream<Arguments> badCreateFlags() {
        return Stream.of(
                Arguments.of("no size", List.of("fish"), "either --size or --scm-size must be set"),
                Arguments.of("size and scm size", List.of("-z", "1TB", "-s", "1GB", "fish"),
                        "--size may not be mixed with --scm-size or --nvme-size"),
                Arguments.of("meta without scm", List.of("-z", "1TB", "--meta-size", "1GB", "fish"),
                        "--meta-size can only be set if --scm-size is set"),
                Arguments.of("meta below scm", List.of("-s", "2GB", "--meta-size", "1GB", "fish"),
                        "--meta-size (1.0 GB) can not be smaller than --scm-size (2.0 GB)"),
                Arguments.of("bad size", List.of("-z", "10X", "fish"), "invalid size \"10X\""),
                Arguments.of("zero percent", List.of("-z", "0%", "fish"),
                        "Creating DAOS pool with invalid full size ratio 0%: allowed range 0 < ratio <= 100"),
                Arguments.of("percent with nranks", List.of("-z", "50%", "-k", "2", "fish"),
                        "--size may not be mixed with --nranks"),
                Arguments.of("percent with tier ratio", List.of("-z", "50%", "-t", "6,94", "fish"),
                        "--size=% may not be mixed with --tier-ratio"),
                Arguments.of("nranks with ranks", List.of("-z", "1TB", "-k", "2", "-r", "0-1", "fish"),
                        "--nranks may not be mixed with --ranks"),
                Arguments.of("tier ratio not 100", List.of("-z", "1TB", "-t", "6,90", "fish"),
                        "Storage tier ratios must add up to 100 (got 96.000000)"),
                Arguments.of("tier ratio with scm size", List.of("-s", "1GB", "-t", "6", "fish"),
                        "--tier-ratio may not be mixed with --scm-size"),
                Arguments.of("nranks with scm size", List.of("-s", "1GB", "-k", "2", "fish"),
                        "--nranks may not be mixed with --scm-size"),
                Arguments.of("invalid label", List.of("-s", "1GB", "my/fish"), "invalid label \"my/fish\""),
                Arguments.of("label as a property", List.of("-s", "1GB", "-P", "label:x", "fish"),
                        "can't set label property with label argument"),
                Arguments.of("unknown property", List.of("-s", "1GB", "-P", "colour:red", "fish"),
                        "\"colour\" is not a settable property (valid: "),
                Arguments.of("bad property value", List.of("-s", "1GB", "-P", "rd_fac:9", "fish"),
                        "invalid redun fac value 9 (valid values: 0-4)"),
                Arguments.of("missing ACL file", List.of("-s", "1GB", "-a", "/nonexistent/acl", "fish"),
                        "opening ACL file: open /nonexistent/acl: no such file or directory"),
                Arguments.of("bad owner", List.of("-s", "1GB", "-u", "a@b@c", "fish"),
                        "invalid ACL principal \"a@b@c\""),
                Arguments.of("negative nranks", List.of("-z", "1TB", "-k", "-1", "fish"),
                        "invalid argument for flag `-k, --nranks' (expected uint32): -1"),
                Arguments.of("negative nsvc", List.of("-s", "1GB", "-v", "-3", "fish"),
                        "invalid argument for flag `-v, --nsvc' (expected uint32): -3"),
                Arguments.of("bad rank list", List.of("-s", "1GB", "-r", "0-x", "fish"),
                        "invalid rank list \"0-x\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreateFlags")
    void badFlagsFailBeforeAnyRequest(String name, List<String> flags, String message) {
        List<String> args = new java.util.ArrayList<>(List.of("pool", "create"));
        args.addAll(flags);
        DmgHarness.Result r = h.run(args.toArray(String[]::new));
        assertThat(r.err()).startsWith("ERROR: dmg: client: code = 500 description = \"" + message);
        assertThat(r.err()).contains("resolution = ");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(h.ms.requests).isEmpty();
    }

    // ---- list

    private void twoPools() {
        h.ms.add(FISH, "fish", 500_000_000L, 0);
    }

    @Test
    void listTableOfQueriedPools() {
        twoPools();
        DmgHarness.Result r = h.run("pool", "list");
        assertThat(r.out()).isEqualTo(golden("""
Pool Size   State Used Imbalance Disabled $
---- ----   ----- ---- --------- -------- $
fish 2.0 GB Ready 25%  50%       0/32     $
tank 400 GB Ready 25%  50%       0/32     $

"""));
        assertThat(r.exitCode()).isZero();
        assertThat(sent(PoolQueryReq.class)).extracting(PoolQueryReq::getQueryMask)
                .containsOnly(dev.dockmaster.client.pool.PoolQueryMask.DEFAULT);
    }

    @Test
    void listVerbose() {
        twoPools();
        DmgHarness.Result r = h.run("pool", "list", "--verbose");
        assertThat(r.out()).isEqualTo(golden("""
Label UUID                                 State SvcReps SCM Size SCM Used SCM Imbalance NVME Size NVME Used NVME Imbalance Disabled UpgradeNeeded? Rebuild State $
----- ----                                 ----- ------- -------- -------- ------------- --------- --------- -------------- -------- -------------- ------------- $
fish  22222222-2222-3333-4444-555555555555 Ready [0-2]   2.0 GB   500 MB   50%           0 B       0 B       0%             0/32     None           idle          $
tank  11111111-2222-3333-4444-555555555555 Ready [0-2]   4.0 GB   1.0 GB   50%           400 GB    0 B       0%             0/32     None           idle          $

"""));
    }

    @Test
    void listWithoutQueryShowsWhatTheManagementServiceKnows() {
        twoPools();
        DmgHarness.Result r = h.run("pool", "list", "-v", "-n");
        assertThat(r.out()).isEqualTo(golden("""
Label UUID                                 State SvcReps $
----- ----                                 ----- ------- $
fish  22222222-2222-3333-4444-555555555555 Ready [0-2]   $
tank  11111111-2222-3333-4444-555555555555 Ready [0-2]   $

"""));
        assertThat(sent(PoolQueryReq.class)).isEmpty();
    }

    @Test
    void aFailedQueryIsReportedAndFailsTheList() {
        twoPools();
        h.ms.busy.add(FISH);
        DmgHarness.Result r = h.run("pool", "list");
        assertThat(r.out()).isEqualTo(golden("""
Pool Size   State Used Imbalance Disabled $
---- ----   ----- ---- --------- -------- $
tank 400 GB Ready 25%  50%       0/32     $

"""));
        assertThat(r.err()).isEqualTo("""
ERROR: Query on pool "fish" unsuccessful, error: "DER_BUSY(-1012): Device or resource busy"

ERROR: dmg: list pools failed: Query on pool "fish" unsuccessful, error: "DER_BUSY(-1012): Device or resource busy"
""");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void emptySystem() {
        h.ms.pools.clear();
        assertThat(h.run("pool", "list").out()).isEqualTo("No pools in system\n");
        assertThat(h.run("-j", "system", "list-pools").out()).isEqualTo("""
{
  "response": {
    "status": 0,
    "pools": null
  },
  "error": null,
  "status": 0
}
""");
    }

    @Test
    void systemListPoolsIsPoolList() {
        twoPools();
        assertThat(h.run("system", "list-pools").out()).isEqualTo(h.run("pool", "list").out());
    }

    @Test
    void listJsonIsDaosPoolInfo() {
        DmgHarness.Result r = h.run("-j", "pool", "list");
        assertThat(r.out()).isEqualTo("""
{
  "response": {
    "status": 0,
    "pools": [
      {
        "query_mask": "rebuild,space",
        "state": "Ready",
        "uuid": "11111111-2222-3333-4444-555555555555",
        "label": "tank",
        "total_targets": 32,
        "active_targets": 32,
        "total_engines": 4,
        "disabled_targets": 0,
        "version": 1,
        "svc_ldr": 0,
        "svc_reps": [
          0,
          1,
          2
        ],
        "rebuild": {
          "status": 0,
          "state": "idle",
          "objects": 0,
          "records": 0,
          "total_objects": 0
        },
        "tier_stats": [
          {
            "total": 4000000000,
            "free": 3000000000,
            "min": 62500000,
            "max": 125000000,
            "mean": 93750000,
            "media_type": "scm"
          },
          {
            "total": 400000000000,
            "free": 400000000000,
            "min": 12500000000,
            "max": 12500000000,
            "mean": 12500000000,
            "media_type": "nvme"
          }
        ],
        "pool_layout_ver": 4,
        "upgrade_layout_ver": 4,
        "usage": [
          {
            "tier_name": "SCM",
            "size": 4000000000,
            "free": 3000000000,
            "imbalance": 50
          },
          {
            "tier_name": "NVME",
            "size": 400000000000,
            "free": 400000000000,
            "imbalance": 0
          }
        ]
      }
    ]
  },
  "error": null,
  "status": 0
}
""");
    }

    // ---- query

    @Test
    void queryText() {
        DmgHarness.Result r = h.run("pool", "query", "tank");
        assertThat(r.out()).isEqualTo("""
Pool 11111111-2222-3333-4444-555555555555, ntarget=32, disabled=0, leader=0, version=1, state=Ready
Pool health info:
- Rebuild idle, 0 objs, 0 recs
Pool space info:
- Target(VOS) count:32
- Storage tier 0 (SCM):
  Total size: 4.0 GB
  Free: 3.0 GB, min:62 MB, max:125 MB, mean:94 MB
- Storage tier 1 (NVMe):
  Total size: 400 GB
  Free: 400 GB, min:12 GB, max:12 GB, mean:12 GB
""");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void queryOfADegradedPoolShowsTheDisabledRanks() {
        h.ms.pools.get(TANK).excluded.add(2);
        DmgHarness.Result r = h.run("pool", "query", "--show-disabled", "--health-only", TANK.toUpperCase());
        assertThat(r.out()).isEqualTo("""
Pool 11111111-2222-3333-4444-555555555555, ntarget=32, disabled=8, leader=0, version=2, state=Degraded
Pool health info:
- Disabled ranks: 2
- Rebuild idle, 0 objs, 0 recs
""");
        PoolQueryReq req = sent(PoolQueryReq.class).get(0);
        assertThat(req.getId()).isEqualTo(TANK);
        assertThat(req.getQueryMask()).isEqualTo(~(4L | 1L));
    }

    static Stream<Arguments> queryMasks() {
        return Stream.of(
                Arguments.of("default", List.of(), ~(4L | 8L | 16L)),
                Arguments.of("enabled ranks", List.of("-e"), ~(8L | 16L)),
                Arguments.of("disabled ranks", List.of("-b"), ~(4L | 16L)),
                Arguments.of("health only", List.of("-t"), ~(4L | 1L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryMasks")
    void queryFlagsBecomeTheMask(String name, List<String> flags, long mask) {
        List<String> args = new java.util.ArrayList<>(List.of("pool", "query"));
        args.addAll(flags);
        args.add("tank");
        assertThat(h.run(args.toArray(String[]::new)).exitCode()).isZero();
        assertThat(sent(PoolQueryReq.class).get(0).getQueryMask()).isEqualTo(mask);
    }

    @Test
    void queryRefusals() {
        DmgHarness.Result unknown = h.run("pool", "query", "nope");
        assertThat(unknown.err()).isEqualTo(
                "ERROR: dmg: pool query failed: unable to find pool service with label \"nope\"\n");
        assertThat(unknown.exitCode()).isEqualTo(1);
        DmgHarness.Result both = h.run("pool", "query", "-e", "-b", "tank");
        assertThat(both.err()).startsWith("ERROR: dmg: client: code = 500 description = \"--show-enabled-ranks may "
                + "not be mixed with --show-disabled-ranks\"");
        assertThat(both.exitCode()).isEqualTo(1);
        DmgHarness.Result badId = h.run("pool", "query", "no good");
        assertThat(badId.err()).startsWith("ERROR: dmg: client: code = 500 description = \"invalid label \"no good\"");
        DmgHarness.Result json = h.run("-j", "pool", "query", "nope");
        assertThat(json.out()).contains("\"error\": \"unable to find pool service with label \\\"nope\\\"\"",
                "\"status\": -1025");
    }

    // ---- properties

    @Test
    void getPropTable() {
        DmgHarness.Result r = h.run("pool", "get-prop", "tank");
        assertThat(r.out()).isEqualTo(golden("""
Pool tank properties:
Name                                    Value           $
----                                    -----           $
EC cell size (ec_cell_sz)               64 KiB          $
Pool label (label)                      tank            $
Pool redundancy factor (rd_fac)         0               $
Reclaim strategy (reclaim)              lazy            $
Self-healing policy (self_heal)         exclude;rebuild $
Rebuild space ratio (space_rb)          0%              $
Pool service replica list (svc_list)    [0-2]           $
Pool service redundancy factor (svc_rf) 2               $
"""));
    }

    @Test
    void getPropJson() {
        DmgHarness.Result r = h.run("-j", "pool", "get-prop", "tank", "svc_list,label,space_rb");
        assertThat(r.out()).isEqualTo("""
{
  "response": [
    {
      "name": "label",
      "description": "Pool label",
      "value": "tank"
    },
    {
      "name": "space_rb",
      "description": "Rebuild space ratio",
      "value": 0
    },
    {
      "name": "svc_list",
      "description": "Pool service replica list",
      "value": [
        0,
        1,
        2
      ]
    }
  ],
  "error": null,
  "status": 0
}
""");
    }

    @Test
    void setPropSendsNumbersAndReadsBack() {
        DmgHarness.Result r = h.run("pool", "set-prop", "tank", "reclaim:disabled,space_rb:5%,label:tank2");
        assertThat(r.out()).isEqualTo("pool set-prop succeeded\n");
        PoolSetPropReq req = sent(PoolSetPropReq.class).get(0);
        assertThat(req.getPropertiesList()).extracting(p -> p.getNumber() + "=" + p.getStrval() + p.getNumval())
                .containsExactlyInAnyOrder("5=0", "3=5", "1=tank20");
        assertThat(h.run("pool", "get-prop", "tank2", "reclaim,space_rb").out()).isEqualTo(golden("""
Pool tank2 properties:
Name                           Value    $
----                           -----    $
Reclaim strategy (reclaim)     disabled $
Rebuild space ratio (space_rb) 5%       $
"""));
    }

    static Stream<Arguments> badSetProps() {
        return Stream.of(
                Arguments.of("create-only", "perf_domain:group", "can't set perf_domain on existing pool."),
                Arguments.of("read-only", "svc_list:1", "cannot set pool service replica list"),
                Arguments.of("bad value", "reclaim:fast", "invalid value \"fast\" for reclaim (valid: disabled,lazy,time)"),
                Arguments.of("twice", "reclaim:lazy,reclaim:time", "\"reclaim\": same key was specified more than once"),
                Arguments.of("not key:val", "reclaim", "invalid property \"reclaim\" (must be key:val)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSetProps")
    void badSetPropsAreRefusedBeforeAnyRequest(String name, String props, String message) {
        DmgHarness.Result r = h.run("pool", "set-prop", "tank", props);
        assertThat(r.err()).startsWith("ERROR: dmg: client: code = 500 description = \"" + message + "\"");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(h.ms.requests).isEmpty();
    }

    // ---- ACLs

    @Test
    void getAclPlainAndVerbose() {
        assertThat(h.run("pool", "get-acl", "tank").out()).isEqualTo("""
# Owner: admin@
# Owner Group: admins@
# Entries:
A::OWNER@:rwdtTaAo
A:G:GROUP@:rwtT
""");
        assertThat(h.run("pool", "get-acl", "-v", "tank").out()).isEqualTo("""
# Owner: admin@
# Owner Group: admins@
# Entries:
# Allow::Owner:Read/Write/Destroy-Cont/Get-Prop/Set-Prop/Get-ACL/Set-ACL/Set-Owner
A::OWNER@:rwdtTaAo
# Allow:Group:Owner-Group:Read/Write/Get-Prop/Set-Prop
A:G:GROUP@:rwtT
""");
    }

    @Test
    void getAclToAFileRefusesToClobberWithoutForce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("acl.txt");
        DmgHarness.Result r = h.run("pool", "get-acl", "-o", file.toString(), "tank");
        assertThat(r.out()).isEqualTo("Wrote ACL to output file: " + file + "\n");
        assertThat(Files.readString(file)).startsWith("# Owner: admin@\n").endsWith("A:G:GROUP@:rwtT\n");
        DmgHarness.Result again = h.run("pool", "get-acl", "-o", file.toString(), "tank");
        assertThat(again.err()).contains("file already exists: " + file);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(h.run("pool", "get-acl", "-f", "-o", file.toString(), "tank").exitCode()).isZero();
    }

    @Test
    void getAclJson() {
        assertThat(h.run("-j", "pool", "get-acl", "tank").out()).isEqualTo("""
{
  "response": {
    "ACL": {
      "entries": [
        "A::OWNER@:rwdtTaAo",
        "A:G:GROUP@:rwtT"
      ],
      "owner_user": "admin@",
      "owner_group": "admins@"
    }
  },
  "error": null,
  "status": 0
}
""");
    }

    @Test
    void overwriteUpdateAndDeleteAcl(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("acl"), "A::OWNER@:rw\n# readers\nA:G:readers@:r\n");
        DmgHarness.Result overwrite = h.run("pool", "overwrite-acl", "-a", file.toString(), "tank");
        assertThat(overwrite.out()).isEqualTo("""
Pool-overwrite-ACL command succeeded, ID: tank
# Owner: admin@
# Owner Group: admins@
# Entries:
A::OWNER@:rw
A:G:readers@:r
""");
        DmgHarness.Result update = h.run("pool", "update-acl", "-e", "A::bob@:rw", "tank");
        assertThat(update.out()).endsWith("A::OWNER@:rw\nA:G:readers@:r\nA::bob@:rw\n")
                .startsWith("Pool-update-ACL command succeeded, ID: tank\n");
        DmgHarness.Result delete = h.run("pool", "delete-acl", "-p", "bob@", "tank");
        assertThat(delete.out()).startsWith("Pool-delete-ACL command succeeded, ID: tank\n")
                .endsWith("A:G:readers@:r\n");
        assertThat(sent(ModifyACLReq.class)).extracting(m -> List.copyOf(m.getEntriesList()))
                .containsExactly(List.of("A::OWNER@:rw", "A:G:readers@:r"), List.of("A::bob@:rw"));
        assertThat(sent(DeleteACLReq.class).get(0).getPrincipal()).isEqualTo("bob@");
    }

    static Stream<Arguments> aclRefusals() {
        return Stream.of(
                Arguments.of("neither file nor entry", List.of("update-acl", "tank"),
                        "ERROR: dmg: client: code = 500 description = \"either ACL file or entry parameter is "
                                + "required\""),
                Arguments.of("bad entry", List.of("update-acl", "-e", "A::bob:r", "tank"),
                        "ERROR: dmg: client: code = 500 description = \"invalid ACE \"A::bob:r\": invalid principal "
                                + "\"bob\"\""),
                Arguments.of("no such entry", List.of("delete-acl", "-p", "carol@", "tank"),
                        "ERROR: dmg: Pool-delete-ACL command failed: DER_NONEXIST(-1005): The specified entity does "
                                + "not exist\n"),
                Arguments.of("unknown pool", List.of("get-acl", "nope"),
                        "ERROR: dmg: Pool-get-ACL command failed: unable to find pool service with label "
                                + "\"nope\"\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aclRefusals")
    void aclRefusals(String name, List<String> args, String err) {
        List<String> all = new java.util.ArrayList<>(List.of("pool"));
        all.addAll(args);
        DmgHarness.Result r = h.run(all.toArray(String[]::new));
        assertThat(r.err()).startsWith(err);
        assertThat(r.exitCode()).isEqualTo(1);
    }

    // ---- exclude, drain, reintegrate

    @Test
    void excludeReportsEachRank() {
        DmgHarness.Result r = h.run("pool", "exclude", "--ranks", "1,7", "--target-idx", "0,1", "tank");
        assertThat(r.out()).isEqualTo(golden("""
Pool Ranks Result Reason                               $
---- ----- ------ ------                               $
tank 1     OK     -                                    $
tank 7     FAIL   DER_INVAL(-1003): Invalid parameters $

"""));
        assertThat(r.err()).isEqualTo("ERROR: dmg: rank 7 failed on pool tank\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void excludeJson() {
        DmgHarness.Result r = h.run("-j", "pool", "exclude", "--ranks", "0-1", "tank");
        assertThat(r.out()).isEqualTo("""
{
  "response": {
    "id": "tank",
    "results": [
      {
        "rank": 0,
        "errored": false,
        "msg": ""
      },
      {
        "rank": 1,
        "errored": false,
        "msg": ""
      }
    ]
  },
  "error": null,
  "status": 0
}
""");
    }

    @Test
    void drainAndReintegrate() {
        DmgHarness.Result drain = h.run("pool", "drain", "--ranks", "2-3", "tank");
        assertThat(drain.out()).isEqualTo(golden("""
Pool Ranks Result Reason $
---- ----- ------ ------ $
tank 2-3   OK     -      $

"""));
        h.ms.pools.get(TANK).excluded.add(1);
        assertThat(h.run("pool", "reint", "--ranks", "1", "--target-idx", "3", "tank").exitCode()).isZero();
        assertThat(h.ms.pools.get(TANK).excluded).isEmpty();
        assertThat(sent(PoolDrainReq.class)).extracting(PoolDrainReq::getRank).containsExactly(2, 3);
        assertThat(sent(PoolReintReq.class).get(0).getTargetidxList()).containsExactly(3);
        DmgHarness.Result noRanks = h.run("pool", "drain", "tank");
        assertThat(noRanks.err()).contains("Missing required option: '--ranks=RANKS'");
        assertThat(noRanks.exitCode()).isNotZero();
    }

    // ---- destroy, evict

    @Test
    void destroyAndEvict() {
        assertThat(h.run("pool", "evict", "tank").out()).isEqualTo("Pool-evict command succeeded\n");
        DmgHarness.Result destroy = h.run("pool", "destroy", "-r", "-f", "tank");
        assertThat(destroy.out()).isEqualTo("Pool-destroy command succeeded\n");
        assertThat(destroy.exitCode()).isZero();
        PoolDestroyReq req = sent(PoolDestroyReq.class).get(0);
        assertThat(req.getForce()).isTrue();
        assertThat(req.getRecursive()).isTrue();
        assertThat(h.ms.pools).isEmpty();

        DmgHarness.Result again = h.run("pool", "destroy", "tank");
        assertThat(again.out()).isEqualTo("Pool-destroy command failed: pool destroy failed: unable to find pool "
                + "service with label \"tank\"\n");
        assertThat(again.err()).isEqualTo("ERROR: dmg: pool destroy failed: unable to find pool service with label "
                + "\"tank\"\n");
        assertThat(again.exitCode()).isEqualTo(1);
        DmgHarness.Result evict = h.run("-j", "pool", "evict", "tank");
        assertThat(evict.out()).contains("\"error\": \"pool evict failed: unable to find pool service");
        assertThat(evict.exitCode()).isEqualTo(1);
    }

    @Test
    void poolWithoutACommandListsThemAll() {
        DmgHarness.Result r = h.run("pool");
        assertThat(r.err()).contains("Please specify one command of: create, delete-acl, destroy, drain, evict, "
                + "exclude, get-acl, get-prop, list, overwrite-acl, query, reintegrate, set-prop or update-acl");
        assertThat(r.exitCode()).isNotZero();
    }
}
