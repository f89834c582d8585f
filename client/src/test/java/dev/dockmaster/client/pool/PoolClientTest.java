package dev.dockmaster.client.pool;

import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.hostlist.RankSet;
import dev.dockmaster.client.invoke.DaosStatusException;
import dev.dockmaster.client.invoke.MsInvoker;
import dev.dockmaster.client.invoke.PoolNotFoundException;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.client.testing.ScriptedInvoker;
import dev.dockmaster.proto.ctl.NvmeController;
import dev.dockmaster.proto.ctl.NvmeDevState;
import dev.dockmaster.proto.ctl.ScanNvmeResp;
import dev.dockmaster.proto.ctl.ScanScmResp;
import dev.dockmaster.proto.ctl.ScmNamespace;
import dev.dockmaster.proto.ctl.SmdDevice;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.proto.mgmt.ListPoolsResp;
import dev.dockmaster.proto.mgmt.PoolCreateReq;
import dev.dockmaster.proto.mgmt.PoolCreateResp;
import dev.dockmaster.proto.mgmt.PoolDestroyResp;
import dev.dockmaster.proto.mgmt.PoolExcludeReq;
import dev.dockmaster.proto.mgmt.PoolExcludeResp;
import dev.dockmaster.proto.mgmt.PoolGetPropReq;
import dev.dockmaster.proto.mgmt.PoolGetPropResp;
import dev.dockmaster.proto.mgmt.PoolQueryReq;
import dev.dockmaster.proto.mgmt.PoolQueryResp;
import dev.dockmaster.proto.mgmt.SystemQueryResp;
import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pool API against a recording invoker: what goes on the wire, DAOS's retries, sizing from the usage scan. */
class PoolClientTest {
    private static final UUID FIXED = UUID.fromString("0a0b0c0d-0000-4000-8000-000000000001");
    private final List<Duration> sleeps = new ArrayList<>();

    private MsInvoker ms() {
        AtomicLong now = new AtomicLong();
        return new MsInvoker(d -> {
            sleeps.add(d);
            now.addAndGet(d.toNanos());
        }, new Random(1), now::get);
    }

    private static ScriptedInvoker invoker() {
        return new ScriptedInvoker(ControlConfig.defaults().withHostList(List.of("ms1")));
    }

    private PoolClient client(ScriptedInvoker invoker) {
        return new PoolClient(invoker, ms(), CurrentUser.of("alice", "staff"), () -> FIXED, Optional.empty());
    }

    private static PoolCreateResp created() {
        return PoolCreateResp.newBuilder().setSvcLdr(1).addAllSvcReps(List.of(0, 1, 2)).addAllTgtRanks(List.of(0, 1))
                .addTierBytes(1_000_000_000L).addTierBytes(20_000_000_000L).build();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> sent(ScriptedInvoker invoker, String name) {
        return invoker.requests().stream().filter(r -> r.name().equals(name)).map(r -> (T) r.message()).toList();
    }

    @Test
    void createSendsTheLabelAsPropertyOneTheOwnerAsPrincipalsAndAutoSizing() {
        ScriptedInvoker invoker = invoker().respond("ms1", created());
        PoolCreateRequest request = new PoolCreateRequest("tank",
                new PoolSizing.Total(10_000_000_000L, TierRatio.DEFAULT, 2), RankSet.empty(), 3,
                List.of(PoolProperty.RECLAIM.parse("time")), Optional.of(Acl.of(List.of("A::OWNER@:rw"))), "", "");
        PoolCreateResult result = client(invoker).create(request);

        PoolCreateReq req = PoolClientTest.<PoolCreateReq>sent(invoker, "PoolCreate").get(0);
        assertThat(req.getUuid()).isEqualTo(FIXED.toString());
        assertThat(req.getSys()).isEqualTo("daos_server-2.6.5");
        assertThat(req.getUser()).isEqualTo("alice@");
        assertThat(req.getUsergroup()).isEqualTo("staff@");
        assertThat(req.getNumsvcreps()).isEqualTo(3);
        assertThat(req.getTotalbytes()).isEqualTo(10_000_000_000L);
        assertThat(req.getTierratioList()).containsExactly(0.06, 0.94);
        assertThat(req.getNumranks()).isEqualTo(2);
        assertThat(req.getTierbytesList()).isEmpty();
        assertThat(req.getAclList()).containsExactly("A::OWNER@:rw");
        // sorted by name: label, reclaim
        assertThat(req.getPropertiesList()).extracting(p -> p.getNumber()).containsExactly(1, 5);
        assertThat(req.getProperties(0).getStrval()).isEqualTo("tank");
        assertThat(req.getProperties(1).getNumval()).isEqualTo(4);

        assertThat(result).isEqualTo(new PoolCreateResult(FIXED.toString(), 1, List.of(0L, 1L, 2L), List.of(0L, 1L),
                List.of(1_000_000_000L, 20_000_000_000L)));
        assertThat(invoker.requests().get(0).timeout()).contains(PoolClient.CREATE_TIMEOUT);
    }

    @Test
    void aRetriedCreateKeepsItsUuid() {
        ScriptedInvoker invoker = invoker().inTurn("ms1", "PoolCreate",
                new DaosStatusException(DaosStatusException.DER_AGAIN),
                new DaosStatusException(DaosStatusException.DER_TIMEDOUT), created());
        // a fresh UUID on every call of the generator: only a UUID chosen once survives the retries
        PoolClient client = new PoolClient(invoker, ms(), CurrentUser.of("alice", "staff"), UUID::randomUUID,
                Optional.empty());
        PoolCreateResult result = client.create(PoolCreateRequest.of("tank",
                new PoolSizing.PerRank(1_000_000_000L, 0, 0)));

        List<PoolCreateReq> tries = sent(invoker, "PoolCreate");
        assertThat(tries).hasSize(3);
        assertThat(tries).extracting(PoolCreateReq::getUuid).containsOnly(result.uuid());
        assertThat(tries.get(0).getTierbytesList()).containsExactly(1_000_000_000L, 0L);
        assertThat(sleeps).hasSize(2).first().isEqualTo(Duration.ZERO);
    }

    static Stream<Arguments> finalErrors() {
        return Stream.of(
                Arguments.of("no space", new DaosStatusException(DaosStatusException.DER_NOSPACE)),
                Arguments.of("exists", new DaosStatusException(DaosStatusException.DER_EXIST)),
                Arguments.of("a server fault", new Fault("server", 609, "pool label already exists", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finalErrors")
    void refusalsAreNotRetried(String name, RuntimeException error) {
        ScriptedInvoker invoker = invoker().inTurn("ms1", "PoolCreate", error);
        assertThatThrownBy(() -> client(invoker).create(PoolCreateRequest.of("tank",
                new PoolSizing.Total(1_000_000_000L, TierRatio.DEFAULT, 0)))).isSameAs(error);
        assertThat(sent(invoker, "PoolCreate")).hasSize(1);
    }

    @Test
    void aStatusInTheAnswerIsAnError() {
        ScriptedInvoker invoker = invoker().respond("ms1", PoolCreateResp.newBuilder().setStatus(-1007).build());
        assertThatThrownBy(() -> client(invoker).create(PoolCreateRequest.of("tank",
                new PoolSizing.PerRank(1, 0, 0)))).isInstanceOf(DaosStatusException.class)
                .hasMessage("DER_NOSPACE(-1007): No space on storage target");
    }

    static Stream<Arguments> badCreates() {
        return Stream.of(
                Arguments.of("invalid label", PoolCreateRequest.of("my tank", new PoolSizing.PerRank(1, 0, 0)),
                        "invalid label \"my tank\""),
                Arguments.of("label twice", new PoolCreateRequest("tank", new PoolSizing.PerRank(1, 0, 0),
                        RankSet.empty(), 0, List.of(PoolProperty.LABEL.parse("other")), Optional.empty(), "", ""),
                        "can't set label property with label argument"),
                Arguments.of("no SCM", PoolCreateRequest.of("tank", new PoolSizing.PerRank(0, 10, 0)),
                        "can't create pool with 0 SCM"),
                Arguments.of("no SCM ratio", PoolCreateRequest.of("tank", new PoolSizing.Total(10,
                        TierRatio.parse("0,100"), 0)), "can't create pool with 0.0 SCM ratio"),
                Arguments.of("meta below SCM", PoolCreateRequest.of("tank", new PoolSizing.PerRank(10, 0, 5)),
                        "--meta-size can not be smaller than --scm-size"),
                Arguments.of("nranks with ranks", new PoolCreateRequest("tank", new PoolSizing.Total(10,
                        TierRatio.DEFAULT, 2), RankSet.of(0, 1), 0, List.of(), Optional.empty(), "", ""),
                        "--nranks and --ranks can not be used together"),
                Arguments.of("bad owner", new PoolCreateRequest("tank", new PoolSizing.PerRank(1, 0, 0),
                        RankSet.empty(), 0, List.of(), Optional.empty(), "a@b@c", ""),
                        "invalid ACL principal \"a@b@c\""),
                Arguments.of("bad ACE", new PoolCreateRequest("tank", new PoolSizing.PerRank(1, 0, 0),
                        RankSet.empty(), 0, List.of(), Optional.of(Acl.of(List.of("A::OWNER@:rz"))), "", ""),
                        "invalid ACE \"A::OWNER@:rz\": unknown permission 'z'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCreates")
    void badCreatesFailBeforeAnyRequest(String name, PoolCreateRequest request, String message) {
        ScriptedInvoker invoker = invoker().respond("ms1", created());
        assertThatThrownBy(() -> client(invoker).create(request)).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description()).isEqualTo(message);
        assertThat(invoker.requests()).isEmpty();
    }

    // ---- percentage sizing from the usage scan

    private static ScmNamespace mount(int rank, long usable) {
        return ScmNamespace.newBuilder().setBlockdev("ramdisk").setMount(ScmNamespace.Mount.newBuilder()
                .setPath("/mnt/daos" + rank).setRank(rank).setUsableBytes(usable)).build();
    }

    private static NvmeController ssd(String pci, int rank, long usable, int roles) {
        return NvmeController.newBuilder().setPciAddr(pci).setDevState(NvmeDevState.NORMAL)
                .addSmdDevices(SmdDevice.newBuilder().setRank(rank).setUsableBytes(usable).setRoleBits(roles))
                .build();
    }

    @Test
    void aPercentageIsThatShareOfTheLeastFreeRank() {
        StorageScanResp host1 = StorageScanResp.newBuilder()
                .setScm(ScanScmResp.newBuilder().addNamespaces(mount(0, 10_000_000_000L)))
                .setNvme(ScanNvmeResp.newBuilder().addCtrlrs(ssd("0000:01:00.0", 0, 100_000_000_000L, 0))
                        .addCtrlrs(ssd("0000:02:00.0", 0, 50_000_000_000L, 1))
                        .addCtrlrs(ssd("0000:03:00.0", 0, 999_000_000_000L, 2))) // metadata only: not counted
                .build();
        StorageScanResp host2 = StorageScanResp.newBuilder()
                .setScm(ScanScmResp.newBuilder().addNamespaces(mount(1, 8_000_000_000L)))
                .setNvme(ScanNvmeResp.newBuilder().addCtrlrs(ssd("0000:01:00.0", 1, 200_000_000_000L, 0)))
                .build();
        ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults().withHostList(List.of("h[1-2]")))
                .respond("h[1-2]", SystemQueryResp.getDefaultInstance())
                .respond("h1", host1).respond("h2", host2).respond("h[1-2]", created());
        client(invoker).create(PoolCreateRequest.of("tank", new PoolSizing.Percentage(50)));

        PoolCreateReq req = PoolClientTest.<PoolCreateReq>sent(invoker, "PoolCreate").get(0);
        // SCM: least of 10 GB and 8 GB; NVMe: least of 150 GB (rank 0) and 200 GB (rank 1); half of each
        assertThat(req.getTierbytesList()).containsExactly(4_000_000_000L, 75_000_000_000L);
        assertThat(req.getTotalbytes()).isZero();
        assertThat(req.getTierratioList()).isEmpty();
        assertThat(invoker.requests()).extracting(UnaryRequest::name)
                .containsExactly("SystemQuery", "StorageScan", "PoolCreate");
        assertThat(((dev.dockmaster.proto.ctl.StorageScanReq) invoker.requests().get(1).message()).getScm()
                .getUsage()).isTrue();
    }

    @Test
    void aPercentageOfRanksLimitsTheScan() {
        StorageScanResp host = StorageScanResp.newBuilder()
                .setScm(ScanScmResp.newBuilder().addNamespaces(mount(0, 10_000_000_000L))
                        .addNamespaces(mount(1, 2_000_000_000L))).build();
        ScriptedInvoker invoker = invoker().respond("ms1", SystemQueryResp.getDefaultInstance())
                .respond("ms1", host).respond("ms1", created());
        client(invoker).create(new PoolCreateRequest("tank", new PoolSizing.Percentage(10), RankSet.of(0), 0,
                List.of(), Optional.empty(), "", ""));
        PoolCreateReq req = PoolClientTest.<PoolCreateReq>sent(invoker, "PoolCreate").get(0);
        assertThat(req.getTierbytesList()).containsExactly(1_000_000_000L, 0L);
        assertThat(req.getRanksList()).containsExactly(0);
    }

    @Test
    void aPercentageWithoutScmIsRefused() {
        StorageScanResp host = StorageScanResp.newBuilder()
                .setScm(ScanScmResp.newBuilder().addNamespaces(mount(0, 0))).build();
        ScriptedInvoker invoker = invoker().respond("ms1", SystemQueryResp.getDefaultInstance())
                .respond("ms1", host);
        assertThatThrownBy(() -> client(invoker).create(PoolCreateRequest.of("tank", new PoolSizing.Percentage(50))))
                .hasMessage("Host without SCM storage: hostname=ms1:10001");
        assertThat(sent(invoker, "PoolCreate")).isEmpty();
    }

    // ---- list, query

    private static ListPoolsResp.Pool listed(String uuid, String label, String state) {
        return ListPoolsResp.Pool.newBuilder().setUuid(uuid).setLabel(label).setState(state)
                .addAllSvcReps(List.of(0)).build();
    }

    @Test
    void listQueriesReadyPoolsOnlyAndKeepsFailedQueriesAside() {
        String a = "00000000-0000-0000-0000-00000000000a";
        String b = "00000000-0000-0000-0000-00000000000b";
        String c = "00000000-0000-0000-0000-00000000000c";
        ScriptedInvoker invoker = invoker()
                .respond("ms1", ListPoolsResp.newBuilder().addPools(listed(b, "zeta", "Ready"))
                        .addPools(listed(a, "alpha", "Ready")).addPools(listed(c, "mid", "Creating")).build())
                .inTurn("ms1", "PoolQuery", new PoolNotFoundException("unable to find pool service with uuid " + b),
                        PoolQueryResp.newBuilder().setUuid(a).setTotalTargets(8).setActiveTargets(8)
                                .setQueryMask(PoolQueryMask.DEFAULT).build());
        PoolList list = client(invoker).list(false);

        assertThat(list.pools()).extracting(PoolInfo::label).containsExactly("alpha", "mid", "zeta");
        assertThat(list.pools().get(0).totalTargets()).isEqualTo(8);
        assertThat(list.pools().get(0).serviceReplicas()).containsExactly(0L); // from the list
        assertThat(list.pools().get(1).state()).isEqualTo("Creating");
        assertThat(list.queryErrors()).containsOnlyKeys(b);
        assertThat(list.queried()).extracting(PoolInfo::label).containsExactly("alpha", "mid");
        assertThat(list.warnings()).isEqualTo("Query on pool \"zeta\" unsuccessful, error: "
                + "\"unable to find pool service with uuid " + b + "\"\n");
        assertThat(PoolClientTest.<PoolQueryReq>sent(invoker, "PoolQuery")).extracting(PoolQueryReq::getId)
                .containsExactly(b, a);
    }

    @Test
    void listWithoutQuery() {
        ScriptedInvoker invoker = invoker().respond("ms1", ListPoolsResp.newBuilder()
                .addPools(listed("00000000-0000-0000-0000-00000000000a", "alpha", "Ready")).build());
        assertThat(client(invoker).list(true).pools()).extracting(PoolInfo::state).containsExactly("Ready");
        assertThat(sent(invoker, "PoolQuery")).isEmpty();
    }

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of("answered", PoolQueryResp.newBuilder().setTotalTargets(8), "Ready"),
                Arguments.of("no targets", PoolQueryResp.newBuilder(), "Unknown"),
                Arguments.of("disabled targets", PoolQueryResp.newBuilder().setTotalTargets(8)
                        .setDisabledTargets(2), "Degraded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void queryStateFollowsTheAnswer(String name, PoolQueryResp.Builder resp, String state) {
        ScriptedInvoker invoker = invoker().respond("ms1", resp.build());
        PoolInfo info = client(invoker).query("tank", PoolQueryMask.HEALTH_ONLY);
        assertThat(info.state()).isEqualTo(state);
        assertThat(PoolClientTest.<PoolQueryReq>sent(invoker, "PoolQuery").get(0).getQueryMask())
                .isEqualTo(PoolQueryMask.HEALTH_ONLY);
    }

    // ---- destroy, properties, ranks

    @Test
    void aRetriedDestroyThatFindsNoPoolSucceeded() {
        ScriptedInvoker invoker = invoker().inTurn("ms1", "PoolDestroy",
                new DaosStatusException(DaosStatusException.DER_AGAIN),
                new PoolNotFoundException("unable to find pool service with label \"tank\""));
        client(invoker).destroy("tank", false, true);
        assertThat(sent(invoker, "PoolDestroy")).hasSize(2);
    }

    @Test
    void aFirstDestroyThatFindsNoPoolFails() {
        ScriptedInvoker invoker = invoker().inTurn("ms1", "PoolDestroy",
                new PoolNotFoundException("unable to find pool service with label \"tank\""));
        assertThatThrownBy(() -> client(invoker).destroy("tank", false, false))
                .isInstanceOf(PoolNotFoundException.class);
        invoker.respond("ms1", PoolDestroyResp.getDefaultInstance());
    }

    @Test
    void getPropAsksByNumberInNameOrderAndSkipsWhatIsMissing() {
        ScriptedInvoker invoker = invoker().respond("ms1", PoolGetPropResp.newBuilder()
                .addProperties(dev.dockmaster.proto.mgmt.PoolProperty.newBuilder().setNumber(5).setNumval(4))
                .addProperties(dev.dockmaster.proto.mgmt.PoolProperty.newBuilder().setNumber(1).setStrval("tank"))
                .build());
        List<PoolProperty.Value> got = client(invoker).getProperties("tank",
                List.of(PoolProperty.SVC_RF, PoolProperty.RECLAIM, PoolProperty.LABEL));
        assertThat(got).extracting(PoolProperty.Value::toString).containsExactly("label:tank", "reclaim:time");
        assertThat(PoolClientTest.<PoolGetPropReq>sent(invoker, "PoolGetProp").get(0).getPropertiesList())
                .extracting(p -> p.getNumber()).containsExactly(1, 5, 19);
    }

    @Test
    void getPropRefusesADuplicatedAnswer() {
        dev.dockmaster.proto.mgmt.PoolProperty label = dev.dockmaster.proto.mgmt.PoolProperty.newBuilder()
                .setNumber(1).setStrval("tank").build();
        ScriptedInvoker invoker = invoker().respond("ms1", PoolGetPropResp.newBuilder().addProperties(label)
                .addProperties(label).build());
        assertThatThrownBy(() -> client(invoker).getProperties("tank", List.of()))
                .hasMessage("got > 1 1 in response");
    }

    @Test
    void setPropRefusesCreateOnlyProperties() {
        ScriptedInvoker invoker = invoker();
        assertThatThrownBy(() -> client(invoker).setProperties("tank", List.of(PoolProperty.EC_PDA.parse("2"))))
                .isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description())
                .isEqualTo("can't set EC performance domain affinity on existing pool.");
        assertThat(invoker.requests()).isEmpty();
    }

    @Test
    void excludeSendsOneRequestPerRankAndReportsEachOutcome() {
        ScriptedInvoker invoker = invoker().inTurn("ms1", "PoolExclude", PoolExcludeResp.getDefaultInstance(),
                PoolExcludeResp.newBuilder().setStatus(-1003).build(),
                new PoolNotFoundException("unable to find pool service with label \"tank\""));
        PoolRanksResult result = client(invoker).exclude("tank", RankSet.parse("1-3"), List.of(0, 1), true);
        assertThat(result.results()).containsExactly(
                new PoolRanksResult.RankResult(1, false, ""),
                new PoolRanksResult.RankResult(2, true, "DER_INVAL(-1003): Invalid parameters"),
                new PoolRanksResult.RankResult(3, true, "unable to find pool service with label \"tank\""));
        assertThat(result.errors()).contains("ranks 2-3 failed on pool tank");
        List<PoolExcludeReq> sent = sent(invoker, "PoolExclude");
        assertThat(sent).extracting(PoolExcludeReq::getRank).containsExactly(1, 2, 3);
        assertThat(sent.get(0).getTargetidxList()).containsExactly(0, 1);
        assertThat(sent.get(0).getForce()).isTrue();
    }

    @Test
    void aModifyWithoutEntriesIsRefused() {
        ScriptedInvoker invoker = invoker();
        assertThatThrownBy(() -> client(invoker).updateAcl("tank", Acl.of(List.of()))).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description()).isEqualTo("empty ACL on modify");
        assertThatThrownBy(() -> client(invoker).deleteAcl("tank", "")).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description()).isEqualTo("no principal provided");
        assertThat(invoker.requests()).isEmpty();
    }

    @Test
    void retryRules() {
        assertThat(PoolClient.retryable(new DaosStatusException(DaosStatusException.DER_GRPVER))).isTrue();
        assertThat(PoolClient.retryable(new Fault("server", 611, "data plane not started", ""))).isTrue();
        assertThat(PoolClient.retryable(new Fault("system", 402, "pool locked", ""))).isTrue();
        assertThat(PoolClient.retryable(new DaosStatusException(DaosStatusException.DER_NOSPACE))).isFalse();
        assertThat(PoolClient.retryable(new RuntimeException("x"))).isFalse();
    }
}
