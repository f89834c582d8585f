package dev.dockmaster.client.pool;

import dev.dockmaster.spi.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Size parsing (decimal and binary units), pool size percentages, tier ratio maths and label rules, as dmg's. */
class PoolInputsTest {

    static Stream<Arguments> sizes() {
        return Stream.of(
                Arguments.of("binary GiB", "1GiB", 1L << 30),
                Arguments.of("decimal G", "10G", 10_000_000_000L),
                Arguments.of("decimal MB", "500MB", 500_000_000L),
                Arguments.of("plain bytes", "512", 512L),
                Arguments.of("b suffix", "512b", 512L),
                Arguments.of("kB is 1000", "1kB", 1000L),
                Arguments.of("Ki is 1024", "1Ki", 1024L),
                Arguments.of("any case, space before the unit", "2 tib", 2L << 40),
                Arguments.of("fraction truncated to bytes", "1.5GB", 1_500_000_000L),
                Arguments.of("fraction of a binary unit", "0.5KiB", 512L),
                Arguments.of("thousands commas", "1,000,000", 1_000_000L),
                Arguments.of("exabytes", "1EB", 1_000_000_000_000_000_000L),
                Arguments.of("above 2^63 stays unsigned", "15EiB", 15L << 60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void sizesParseAsDmgDoes(String name, String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
    }

    static Stream<Arguments> badSizes() {
        return Stream.of(
                Arguments.of("empty", "", "no size specified"),
                Arguments.of("unit only", "GB", "invalid size \"GB\""),
                Arguments.of("unknown unit", "10X", "invalid size \"10X\""),
                Arguments.of("negative", "-1GB", "invalid size \"-1GB\""),
                Arguments.of("two points", "1.2.3GB", "invalid size \"1.2.3GB\""),
                Arguments.of("2^64 bytes or more", "20EB", "invalid size \"20EB\""),
                Arguments.of("percent is not a byte size", "10%", "invalid size \"10%\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSizes")
    void badSizesAreClientFaults(String name, String text, String message) {
        assertThatThrownBy(() -> ByteSizes.parse(text)).isInstanceOf(Fault.class)
                .satisfies(e -> {
                    Fault f = (Fault) e;
                    assertThat(f.description()).isEqualTo(message);
                    assertThat(f.domain()).isEqualTo("client");
                    assertThat(f.resolution()).isNotEmpty();
                });
    }

    static Stream<Arguments> poolSizes() {
        return Stream.of(
                Arguments.of("bytes", "10TB", PoolSize.ofBytes(10_000_000_000_000L)),
                Arguments.of("a percentage", "10%", PoolSize.ofPercent(10)),
                Arguments.of("all of it", "100%", PoolSize.ofPercent(100)),
                Arguments.of("spaces around", " 50 % ", PoolSize.ofPercent(50)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolSizes")
    void poolSizeIsBytesOrAPercentage(String name, String text, PoolSize expected) {
        assertThat(PoolSize.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> badPoolSizes() {
        return Stream.of(
                Arguments.of("zero percent", "0%",
                        "Creating DAOS pool with invalid full size ratio 0%: allowed range 0 < ratio <= 100"),
                Arguments.of("over 100", "101%",
                        "Creating DAOS pool with invalid full size ratio 101%: allowed range 0 < ratio <= 100"),
                Arguments.of("a fraction", "10.5%",
                        "invalid pool size ratio \"10.5%\": strconv.ParseUint: parsing \"10.5\": invalid syntax"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPoolSizes")
    void badPoolSizes(String name, String text, String message) {
        assertThatThrownBy(() -> PoolSize.parse(text)).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description()).isEqualTo(message);
    }

    static Stream<Arguments> ratios() {
        return Stream.of(
                Arguments.of("two tiers", "6,94", List.of(0.06, 0.94)),
                Arguments.of("percent signs", "6%,94%", List.of(0.06, 0.94)),
                Arguments.of("one figure leaves the rest to NVMe", "6", List.of(0.06, 0.94)),
                Arguments.of("SCM only", "100", List.of(1.0, 0.0)),
                Arguments.of("rounded to two places", "5.556,94.444", List.of(0.0556, 0.9444)),
                Arguments.of("within 1% of 100 is enough", "10,89.5", List.of(0.1, 0.895)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ratios")
    void tierRatios(String name, String text, List<Double> fractions) {
        TierRatio ratio = TierRatio.parse(text);
        assertThat(ratio.fractions()).hasSameSizeAs(fractions);
        for (int i = 0; i < fractions.size(); i++) {
            assertThat(ratio.fractions().get(i)).isCloseTo(fractions.get(i), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    static Stream<Arguments> badRatios() {
        return Stream.of(
                Arguments.of("empty", "", "no tier ratio specified"),
                Arguments.of("not a number", "six", "invalid tier ratio \"six\""),
                Arguments.of("short of 100", "6,90", "Storage tier ratios must add up to 100 (got 96.000000)"),
                Arguments.of("negative", "-6,106", "Storage tier ratio must be a value between 0-100"),
                Arguments.of("over 100", "150", "Storage tier ratio must be a value between 0-100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRatios")
    void badTierRatios(String name, String text, String message) {
        assertThatThrownBy(() -> TierRatio.parse(text)).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description()).isEqualTo(message);
    }

    @Test
    void ratiosPrintAsDmgDoes() {
        assertThat(TierRatio.print(0.0566)).isEqualTo("5.66%");
        assertThat(TierRatio.print(1)).isEqualTo("100.00%");
    }

    static Stream<Arguments> labels() {
        return Stream.of(
                Arguments.of("letters", "tank", true),
                Arguments.of("every allowed punctuation", "a.b_c:d-e", true),
                Arguments.of("127 characters", "x".repeat(127), true),
                Arguments.of("digits only", "12345", true),
                Arguments.of("dashes that are not a UUID", "1234-5678", true),
                Arguments.of("empty", "", false),
                Arguments.of("128 characters", "x".repeat(128), false),
                Arguments.of("a space", "my tank", false),
                Arguments.of("a slash", "a/b", false),
                Arguments.of("non-ASCII", "tänk", false),
                Arguments.of("a UUID", "11111111-2222-3333-4444-555555555555", false),
                Arguments.of("an upper-case UUID", "ABCDEF01-2222-3333-4444-555555555555", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void labelRules(String name, String label, boolean valid) {
        assertThat(PoolLabels.isValid(label)).isEqualTo(valid);
    }

    @Test
    void aPoolIdIsAUuidOrAValidLabel() {
        assertThat(PoolLabels.parseId("ABCDEF01-2222-3333-4444-555555555555"))
                .isEqualTo("abcdef01-2222-3333-4444-555555555555");
        assertThat(PoolLabels.parseId("tank")).isEqualTo("tank");
        assertThatThrownBy(() -> PoolLabels.parseId("my tank")).isInstanceOf(Fault.class)
                .extracting(e -> ((Fault) e).description()).isEqualTo("invalid label \"my tank\"");
    }
}
