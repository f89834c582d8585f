package dev.dockmaster.dmg.pretty;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected texts are what Go 1.22 prints for the same float64. */
class GoFloatsTest {

    @ParameterizedTest(name = "%g of {0}")
    @CsvSource({
            "0, 0", "1, 1", "-1, -1", "2.25, 2.25", "125, 125", "6094.27, 6094.27", "33.333, 33.333",
            "0.0001, 0.0001", "0.00001, 1e-05", "0.000012345, 1.2345e-05", "123456, 123456", "1000000, 1e+06",
            "1234567, 1.234567e+06", "1.5e300, 1.5e+300", "0.1, 0.1", "0.25, 0.25", "-0.0015, -0.0015",
            "Infinity, +Inf", "-Infinity, -Inf", "NaN, NaN"})
    void percentG(double value, String expected) {
        assertThat(GoFloats.g(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "json of {0}")
    @CsvSource({
            "0, 0", "2.25, 2.25", "0.0312, 0.0312", "0.00001, 0.00001", "0.000001, 0.000001", "1e-7, 1e-7",
            "1.25e-10, 1.25e-10", "1234567.5, 1234567.5", "1e21, 1e+21", "-3.5e-8, -3.5e-8"})
    void encodingJson(double value, String expected) {
        assertThat(GoFloats.json(value)).isEqualTo(expected);
    }
}
