package dev.dockmaster.enginesim.pool;

import dev.dockmaster.enginesim.fabric.Prop;
import dev.dockmaster.proto.mgmt.PoolProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Pool property numbers, DAOS's defaults and the values the engine takes or refuses with DER_INVAL. */
class PoolPropsTest {

    private static PoolProperty num(int n, long v) {
        return PoolProperty.newBuilder().setNumber(n).setNumval(v).build();
    }

    private static PoolProperty str(int n, String v) {
        return PoolProperty.newBuilder().setNumber(n).setStrval(v).build();
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("label", str(1, "tank-01_a.b:c")),
                arguments("label of 127 characters", str(1, "l".repeat(127))),
                arguments("space_rb 0", num(3, 0)),
                arguments("space_rb 100", num(3, 100)),
                arguments("self_heal exclude;rebuild", num(4, 3)),
                arguments("self_heal delay_rebuild", num(4, 4)),
                arguments("reclaim time", num(5, 4)),
                arguments("owner", str(6, "alice@")),
                arguments("group with domain", str(7, "staff@example")),
                arguments("ec_cell_sz 4KiB", num(9, 4096)),
                arguments("ec_cell_sz 1MiB", num(9, 1 << 20)),
                arguments("data_thresh", num(10, 8192)),
                arguments("rd_fac 4", num(11, 4)),
                arguments("ec_pda 1", num(12, 1)),
                arguments("rp_pda", num(13, 2)),
                arguments("scrub timed", num(16, 2)),
                arguments("scrub_freq", num(17, 3600)),
                arguments("svc_rf 4", num(19, 4)),
                arguments("perf_domain group", num(21, 3)),
                arguments("checkpoint lazy", num(22, 2)),
                arguments("checkpoint_freq", num(23, 1 << 20)),
                arguments("checkpoint_thresh", num(24, 75)),
                arguments("reintegration no_data_sync", num(25, 1)),
                arguments("svc_ops_enabled 0", num(26, 0)),
                arguments("svc_ops_entry_age 60", num(27, 60)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedValuesAreStoredAsGiven(String name, PoolProperty given) throws Exception {
        List<Prop> stored = PoolProps.check(List.of(given));
        assertThat(stored).hasSize(1);
        assertThat(PoolProps.toWire(stored.get(0))).isEqualTo(given);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("number 0", num(0, 1)),
                arguments("number 28", num(28, 1)),
                arguments("ACL as a property", str(2, "A::OWNER@:rw")),
                arguments("service list", str(8, "[0-2]")),
                arguments("global_version", num(14, 3)),
                arguments("upgrade_status", num(15, 1)),
                arguments("obj_version", num(20, 2)),
                arguments("label as a number", num(1, 5)),
                arguments("empty label", str(1, "")),
                arguments("label with a space", str(1, "my pool")),
                arguments("label of 128 characters", str(1, "l".repeat(128))),
                arguments("UUID-shaped label", str(1, "12345678-1234-1234-1234-123456789abc")),
                arguments("the default label", str(1, "pool_label_not_set")),
                arguments("space_rb 101", num(3, 101)),
                arguments("space_rb as text", str(3, "10")),
                arguments("self_heal 8", num(4, 8)),
                arguments("reclaim 5", num(5, 5)),
                arguments("owner without @", str(6, "alice")),
                arguments("ec_cell_sz below 4KiB", num(9, 2048)),
                arguments("ec_cell_sz above 1MiB", num(9, (1 << 20) + 32)),
                arguments("ec_cell_sz not a multiple of 32", num(9, 4096 + 16)),
                arguments("rd_fac 5", num(11, 5)),
                arguments("ec_pda 0", num(12, 0)),
                arguments("scrub 3", num(16, 3)),
                arguments("svc_rf 5", num(19, 5)),
                arguments("perf_domain 2", num(21, 2)),
                arguments("checkpoint_freq 0", num(23, 0)),
                arguments("checkpoint_thresh 76", num(24, 76)),
                arguments("reintegration 2", num(25, 2)),
                arguments("svc_ops_enabled 2", num(26, 2)),
                arguments("svc_ops_entry_age 59", num(27, 59)),
                arguments("svc_ops_entry_age 601", num(27, 601)),
                arguments("no value", PoolProperty.newBuilder().setNumber(3).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedValuesAreDerInval(String name, PoolProperty given) {
        assertThatThrownBy(() -> PoolProps.check(List.of(given))).isInstanceOfSatisfying(Der.Failure.class,
                f -> assertThat(f.status()).isEqualTo(Der.INVAL));
    }

    @Test
    void aNumberGivenTwiceIsDerInval() {
        assertThatThrownBy(() -> PoolProps.check(List.of(num(3, 1), num(3, 2))))
                .isInstanceOfSatisfying(Der.Failure.class, f -> assertThat(f.status()).isEqualTo(Der.INVAL));
    }

    @Test
    void defaultsAreDaosPoolDefaults() {
        List<Prop> d = PoolProps.defaults();
        assertThat(PoolProps.string(d, PoolProps.LABEL, null)).isEqualTo("pool_label_not_set");
        assertThat(PoolProps.number(d, PoolProps.SPACE_RB, -1)).isZero();
        assertThat(PoolProps.number(d, PoolProps.SELF_HEAL, -1)).isEqualTo(3);
        assertThat(PoolProps.number(d, PoolProps.RECLAIM, -1)).isEqualTo(1);
        assertThat(PoolProps.number(d, PoolProps.EC_CELL_SZ, -1)).isEqualTo(65536);
        assertThat(PoolProps.number(d, PoolProps.DATA_THRESH, -1)).isEqualTo(4096);
        assertThat(PoolProps.number(d, PoolProps.REDUN_FAC, -1)).isZero();
        assertThat(PoolProps.number(d, PoolProps.EC_PDA, -1)).isEqualTo(1);
        assertThat(PoolProps.number(d, PoolProps.RP_PDA, -1)).isEqualTo(0xFFFF_FFFFL);
        assertThat(PoolProps.number(d, PoolProps.GLOBAL_VERSION, -1)).isEqualTo(3);
        assertThat(PoolProps.number(d, PoolProps.SCRUB_FREQ, -1)).isEqualTo(604800);
        assertThat(PoolProps.number(d, PoolProps.SVC_REDUN_FAC, -1)).isEqualTo(2);
        assertThat(PoolProps.number(d, PoolProps.OBJ_VERSION, -1)).isEqualTo(2);
        assertThat(PoolProps.number(d, PoolProps.PERF_DOMAIN, -1)).isEqualTo(255);
        assertThat(PoolProps.number(d, PoolProps.CHECKPOINT_MODE, -1)).isEqualTo(1);
        assertThat(PoolProps.number(d, PoolProps.CHECKPOINT_FREQ, -1)).isEqualTo(5);
        assertThat(PoolProps.number(d, PoolProps.CHECKPOINT_THRESH, -1)).isEqualTo(50);
        assertThat(PoolProps.number(d, PoolProps.SVC_OPS_ENABLED, -1)).isEqualTo(1);
        assertThat(PoolProps.number(d, PoolProps.SVC_OPS_ENTRY_AGE, -1)).isEqualTo(300);
        assertThat(d).extracting(Prop::getNumber).doesNotContain(PoolProps.ACL, PoolProps.OWNER,
                PoolProps.OWNER_GROUP, PoolProps.SVC_LIST);
    }

    @Test
    void mergeReplacesByNumberAndKeepsNumberOrder() {
        List<Prop> merged = PoolProps.merge(PoolProps.defaults(), List.of(
                Prop.newBuilder().setNumber(3).setNum(10).build(),
                Prop.newBuilder().setNumber(1).setStr("tank").build()));
        assertThat(PoolProps.number(merged, PoolProps.SPACE_RB, -1)).isEqualTo(10);
        assertThat(PoolProps.string(merged, PoolProps.LABEL, null)).isEqualTo("tank");
        assertThat(merged).extracting(Prop::getNumber).isSorted().doesNotHaveDuplicates();
    }

    static Stream<Arguments> serviceRedundancy() {
        return Stream.of(
                arguments("numsvcreps 1", 1, List.<PoolProperty>of(), 0L),
                arguments("numsvcreps 2 (even rounds down)", 2, List.<PoolProperty>of(), 0L),
                arguments("numsvcreps 3", 3, List.<PoolProperty>of(), 1L),
                arguments("numsvcreps 5", 5, List.<PoolProperty>of(), 2L),
                arguments("numsvcreps 13 capped at 4", 13, List.<PoolProperty>of(), 4L),
                arguments("no numsvcreps: default 2", 0, List.<PoolProperty>of(), 2L),
                arguments("no numsvcreps: svc_rf property", 0, List.of(num(19, 1)), 1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceRedundancy")
    void theServiceRedundancyFactorFollowsCreatePoolProps(String name, int numsvcreps, List<PoolProperty> props,
                                                         long rf) throws Exception {
        assertThat(PoolEngine.svcRedundancy(numsvcreps, PoolProps.check(props))).isEqualTo(rf);
    }
}
