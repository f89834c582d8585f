package dev.dockmaster.client.pool;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DAOS's pool property names, numbers, value checks and printing. */
class PoolPropertyTest {

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("label", 1), Arguments.of("space_rb", 3), Arguments.of("self_heal", 4),
                Arguments.of("reclaim", 5), Arguments.of("svc_list", 8), Arguments.of("ec_cell_sz", 9),
                Arguments.of("data_thresh", 10), Arguments.of("rd_fac", 11), Arguments.of("ec_pda", 12),
                Arguments.of("rp_pda", 13), Arguments.of("global_version", 14), Arguments.of("upgrade_status", 15),
                Arguments.of("scrub", 16), Arguments.of("scrub_freq", 17), Arguments.of("scrub_thresh", 18),
                Arguments.of("svc_rf", 19), Arguments.of("perf_domain", 21), Arguments.of("checkpoint", 22),
                Arguments.of("checkpoint_freq", 23), Arguments.of("checkpoint_thresh", 24),
                Arguments.of("reintegration", 25), Arguments.of("svc_ops_enabled", 26),
                Arguments.of("svc_ops_entry_age", 27));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numbers")
    void namesMapToDaosPropNumbers(String key, int number) {
        PoolProperty p = PoolProperty.find(key).orElseThrow();
        assertThat(p.number()).isEqualTo(number);
        assertThat(PoolProperty.byNumber(number)).contains(p);
    }

    @Test
    void everyPropertyHasItsOwnNumberAndTheCatalogueIsInNameOrder() {
        assertThat(PoolProperty.values()).extracting(PoolProperty::number).doesNotHaveDuplicates();
        assertThat(PoolProperty.keys()).isSorted().hasSize(23);
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("reclaim by name", "reclaim", "time", 4L, "time"),
                Arguments.of("names in any case", "reclaim", "LAZY", 1L, "lazy"),
                Arguments.of("self_heal pair", "self_heal", "rebuild;exclude", 3L, "exclude;rebuild"),
                Arguments.of("self_heal delay", "self_heal", "delay_rebuild", 4L, "delay_rebuild"),
                Arguments.of("space_rb percent", "space_rb", "10%", 10L, "10%"),
                Arguments.of("ec cell in binary units", "ec_cell_sz", "64KiB", 65536L, "64 KiB"),
                Arguments.of("data threshold", "data_thresh", "4KiB", 4096L, "4.0 KiB"),
                Arguments.of("rd_fac", "rd_fac", "2", 2L, "2"),
                Arguments.of("deprecated rf", "rf", "1", 1L, "1"),
                Arguments.of("svc_rf", "svc_rf", "4", 4L, "4"),
                Arguments.of("scrub", "scrub", "timed", 2L, "timed"),
                Arguments.of("perf_domain", "perf_domain", "group", 3L, "group"),
                Arguments.of("upgrade status with a space", "upgrade_status", "in progress", 1L, "in progress"),
                Arguments.of("checkpoint", "checkpoint", "lazy", 2L, "lazy"),
                Arguments.of("entry age bounds", "svc_ops_entry_age", "600", 600L, "600"),
                Arguments.of("reintegration", "reintegration", "no_data_sync", 1L, "no_data_sync"),
                Arguments.of("label", "label", "tank_2", "tank_2", "tank_2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valuesEncodeAndPrint(String name, String key, String text, Object raw, String printed) {
        PoolProperty.Value v = PoolProperty.find(key).orElseThrow().parse(text);
        assertThat(v.raw()).isEqualTo(raw);
        assertThat(v.print()).isEqualTo(printed);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("unknown choice", "reclaim", "fast",
                        "invalid value \"fast\" for reclaim (valid: disabled,lazy,time)"),
                Arguments.of("space_rb over 100", "space_rb", "101",
                        "invalid space_rb value 101 (valid values: 0-100)"),
                Arguments.of("ec cell too small", "ec_cell_sz", "1KiB", "invalid EC Cell size \"1KiB\""),
                Arguments.of("ec cell not a multiple of 32", "ec_cell_sz", "4097", "invalid EC Cell size \"4097\""),
                Arguments.of("rd_fac over 4", "rd_fac", "5", "invalid redun fac value 5 (valid values: 0-4)"),
                Arguments.of("negative number", "svc_rf", "-1",
                        "invalid service redundancy factor value -1 (valid values: 0-4)"),
                Arguments.of("svc_list is read-only", "svc_list", "[0-2]", "cannot set pool service replica list"),
                Arguments.of("bad label", "label", "my tank", "invalid label \"my tank\""),
                Arguments.of("ec_pda zero", "ec_pda", "0", "invalid ec_pda value \"0\""),
                Arguments.of("entry age too young", "svc_ops_entry_age", "59",
                        "value supplied is out of range: invalid svc_ops_entry_age 59 (valid values: 60-600)"),
                Arguments.of("svc_ops_enabled is a bit", "svc_ops_enabled", "2",
                        "value supplied is greater than 1: invalid svc_ops_enabled value 2 (valid values: 0-1)"),
                Arguments.of("self_heal unknown", "self_heal", "heal",
                        "invalid value \"heal\" for self_heal (valid: delay_rebuild,delay_rebuild;exclude,exclude,"
                                + "exclude;delay_rebuild,exclude;rebuild,none,rebuild,rebuild;exclude)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValuesAreRefusedWithDaosMessages(String name, String key, String text, String message) {
        PoolProperty p = PoolProperty.find(key).orElseThrow();
        assertThatThrownBy(() -> p.parse(text)).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description()).isEqualTo(message);
    }

    @Test
    void unknownKeysListTheValidOnes() {
        assertThatThrownBy(() -> PoolProperty.parseKey("colour", "settable")).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description()).asString()
                .startsWith("\"colour\" is not a settable property (valid: checkpoint,checkpoint_freq,");
    }

    @Test
    void wireValuesPrintAndMarshal() {
        assertThat(PoolProperty.SELF_HEAL.fromWire(7L).print()).isEqualTo("unknown");
        assertThat(PoolProperty.RECLAIM.fromWire(9L).print()).isEqualTo("9");
        assertThat(PoolProperty.SVC_LIST.fromWire("[0-2]").json()).isEqualTo(List.of(0L, 1L, 2L));
        assertThat(PoolProperty.SPACE_RB.fromWire(5L).json()).isEqualTo(BigInteger.valueOf(5));
        assertThat(PoolProperty.RECLAIM.fromWire(1L).json()).isEqualTo("lazy");
        assertThat(PoolProperty.PERF_DOMAIN.createOnly()).contains("can't set perf_domain on existing pool.");
        assertThat(PoolProperty.RECLAIM.createOnly()).isEmpty();
    }
}
