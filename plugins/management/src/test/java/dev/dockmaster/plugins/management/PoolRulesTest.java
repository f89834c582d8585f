package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.mgmt.PoolProperty;
import dev.dockmaster.spi.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** DAOS 2.6's pool create rules: labels, ranks, service replicas, sizes. */
class PoolRulesTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    static Stream<Arguments> labels() {
        return Stream.of(
                arguments("simple", "pool1", true),
                arguments("every allowed character", "this:is_a_valid-label.", true),
                arguments("127 characters", "x".repeat(127), true),
                arguments("empty", "", false),
                arguments("128 characters", "x".repeat(128), false),
                arguments("space", "my pool", false),
                arguments("slash", "a/b", false),
                arguments("non-ascii", "pöol", false),
                arguments("a UUID", "54f26bfd-628f-4762-a28a-1c42bcb6565b", false),
                arguments("UUID-like but not one", "54f26bfd-628f-4762-a28a-1c42bcb6565x", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void labelSyntax(String name, String label, boolean valid) {
        assertThat(PoolRules.labelIsValid(label)).isEqualTo(valid);
    }

    static Stream<Arguments> rankSelections() {
        List<Integer> avail = List.of(0, 1, 2, 3);
        return Stream.of(
                arguments("all available by default", avail, List.of(), 0, List.of(0, 1, 2, 3), null),
                arguments("requested, sorted and deduplicated", avail, List.of(3, 1, 3), 0, List.of(1, 3), null),
                arguments("requested rank not available", avail, List.of(1, 7, 9), 0, null,
                        "606:pool request contains invalid ranks: 7,9"),
                arguments("one unavailable rank", avail, List.of(5), 0, null,
                        "606:pool request contains invalid rank: 5"),
                arguments("numranks subset", avail, List.of(), 2, 2, null),
                arguments("numranks all", avail, List.of(), 4, List.of(0, 1, 2, 3), null),
                arguments("numranks too many", avail, List.of(), 5, null,
                        "607:pool request contains invalid number of ranks (requested: 5, available: 4)"),
                arguments("numranks beyond 2^31 (uint32 on the wire)", avail, List.of(), -2, null,
                        "607:pool request contains invalid number of ranks (requested: 4294967294, available: 4)"),
                arguments("no members", List.of(), List.of(), 0, null, "zero target ranks"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rankSelections")
    void rankSelection(String name, List<Integer> available, List<Integer> requested, int numRanks, Object expected,
                       String error) {
        if (error != null) {
            assertThatThrownBy(() -> PoolRules.selectRanks(available, requested, numRanks, new Random(1)))
                    .satisfies(e -> assertThat(describe(e)).contains(error));
            return;
        }
        List<Integer> chosen = PoolRules.selectRanks(available, requested, numRanks, new Random(1));
        if (expected instanceof Integer count) {
            assertThat(chosen).hasSize(count).isSorted().doesNotHaveDuplicates();
            assertThat(available).containsAll(chosen);
        } else {
            assertThat(chosen).isEqualTo(expected);
        }
    }

    static Stream<Arguments> serviceReplicas() {
        PoolProperty rf0 = PoolProperty.newBuilder().setNumber(PoolRules.PROP_SVC_REDUN_FAC).setNumval(0).build();
        PoolProperty rf4 = PoolProperty.newBuilder().setNumber(PoolRules.PROP_SVC_REDUN_FAC).setNumval(4).build();
        return Stream.of(
                arguments("default svc_rf 2 on many ranks", 0, 12, List.of(), 5, null),
                arguments("default clamped to the rank count", 0, 2, List.of(), 2, null),
                arguments("svc_rf 0 property", 0, 12, List.of(rf0), 1, null),
                arguments("svc_rf 4 property", 0, 12, List.of(rf4), 9, null),
                arguments("requested odd", 3, 12, List.of(), 3, null),
                arguments("requested even rounds down", 4, 12, List.of(), 3, null),
                arguments("requested at the maximum", 9, 12, List.of(), 9, null),
                arguments("above 9", 11, 12, List.of(), 0,
                        "608:pool service replicas number should be an odd number between 1 and 9"),
                arguments("above the rank count", 3, 2, List.of(), 0,
                        "608:pool service replicas number should be an odd number between 1 and 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceReplicas")
    void serviceReplicaCount(String name, int requested, int ranks, List<PoolProperty> props, int expected,
                             String error) {
        if (error != null) {
            assertThatThrownBy(() -> PoolRules.serviceReplicas(requested, ranks, props))
                    .satisfies(e -> assertThat(describe(e)).contains(error));
            return;
        }
        assertThat(PoolRules.serviceReplicas(requested, ranks, props)).isEqualTo(expected);
    }

    static Stream<Arguments> sizes() {
        return Stream.of(
                arguments("auto 6/94 over 2 ranks", new PoolRules.SizeRequest(List.of(), List.of(0.06, 0.94), 100 * GIB),
                        2, 4, true, List.of((long) (100 * GIB * 0.06) / 2, (long) (100 * GIB * 0.94) / 2), null),
                arguments("auto without NVMe puts everything on SCM",
                        new PoolRules.SizeRequest(List.of(), List.of(0.06, 0.94), 2 * GIB), 2, 4, false,
                        List.of(GIB, 0L), null),
                arguments("manual per-rank bytes", new PoolRules.SizeRequest(List.of(256 * MIB, 8 * GIB), List.of(), 0),
                        3, 4, true, List.of(256 * MIB, 8 * GIB), null),
                arguments("manual SCM only", new PoolRules.SizeRequest(List.of(64 * MIB, 0L), List.of(), 0),
                        1, 4, true, List.of(64 * MIB, 0L), null),
                arguments("NVMe asked without bdevs", new PoolRules.SizeRequest(List.of(GIB, GIB), List.of(), 0),
                        1, 4, false, null, "NVMe requested for pool but config has zero bdevs"),
                arguments("SCM below 16 MiB per target", new PoolRules.SizeRequest(List.of(63 * MIB, 0L), List.of(), 0),
                        2, 4, true, null, "604:requested SCM capacity is too small (min 16 MiB per target)"),
                arguments("SCM fault names the pool minimum", new PoolRules.SizeRequest(List.of(MIB, 0L), List.of(), 0),
                        2, 4, true, null, "at least 135 MB, with at least 135 MB SCM"),
                arguments("NVMe below 1 GiB per target",
                        new PoolRules.SizeRequest(List.of(GIB, 3 * GIB), List.of(), 0), 1, 4, true, null,
                        "605:requested NVMe capacity too small (min 1.0 GiB per target)"),
                arguments("both sizings at once",
                        new PoolRules.SizeRequest(List.of(GIB, 0L), List.of(0.5, 0.5), GIB), 1, 4, true, null,
                        "unexpected pool create params"),
                arguments("nothing asked", new PoolRules.SizeRequest(List.of(), List.of(), 0), 1, 4, true, null,
                        "unexpected pool create params"),
                arguments("no targets", new PoolRules.SizeRequest(List.of(GIB, 0L), List.of(), 0), 1, 0, true, null,
                        "zero target count"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void perRankSizes(String name, PoolRules.SizeRequest req, int ranks, int targets, boolean nvme, List<Long> want,
                      String error) {
        if (error != null) {
            assertThatThrownBy(() -> PoolRules.perRankTierBytes(req, ranks, targets, nvme))
                    .satisfies(e -> assertThat(describe(e)).contains(error));
            return;
        }
        assertThat(PoolRules.perRankTierBytes(req, ranks, targets, nvme)).isEqualTo(want);
    }

    static Stream<Arguments> humanSizes() {
        return Stream.of(
                arguments("16 MiB binary", 16 * MIB, false, "16 MiB"),
                arguments("1 GiB binary", GIB, false, "1.0 GiB"),
                arguments("decimal rounding", 135 * 1000 * 1000L, true, "135 MB"),
                arguments("decimal one place", 1_500_000_000L, true, "1.5 GB"),
                arguments("small", 7, true, "7 B"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("humanSizes")
    void sizesPrintAsDaos(String name, long bytes, boolean si, String expected) {
        assertThat(si ? PoolFaults.Sizes.si(bytes) : PoolFaults.Sizes.iec(bytes)).isEqualTo(expected);
    }

    /** A fault as "code:description resolution", other errors by message. */
    static String describe(Throwable e) {
        if (e instanceof Fault f) {
            return f.code() + ":" + f.description() + " " + f.resolution();
        }
        return String.valueOf(e.getMessage());
    }
}
