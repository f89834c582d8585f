package dev.dockmaster.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GoDurationsTest {
    @ParameterizedTest(name = "{0}ms -> {1}")
    @CsvSource({"300000,5m0s", "1500,1.5s", "300,300ms", "0,0s", "3600000,1h0m0s", "61001,1m1.001s", "2,2ms"})
    void formatsLikeGo(long millis, String expected) {
        assertThat(GoDurations.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
