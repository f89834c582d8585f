package dev.dockmaster.core.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EngineTelemetryFileTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("a well-formed snapshot", "# header\nstarted_at 1764130000.5\nrank 3\n"
                        + "drpc/calls_handled 17\n", Map.of("started_at", 1764130000.5, "rank", 3.0,
                        "drpc/calls_handled", 17.0)),
                Arguments.of("blank lines and surrounding spaces", "\n  uptime   12.25  \n\n", Map.of("uptime", 12.25)),
                Arguments.of("a value that is not a number", "uptime twelve\nrank 1\n", Map.of("rank", 1.0)),
                Arguments.of("NaN and infinity", "a NaN\nb Infinity\nc -Infinity\nd 4\n", Map.of("d", 4.0)),
                Arguments.of("an upper-case or punctuated path", "Started_At 1\nx.y 2\n../etc 3\n/abs 4\nok 5\n",
                        Map.of("ok", 5.0)),
                Arguments.of("a line with labels or extra fields", "a{rank=\"1\"} 1\nb 2 3\nc 4\n", Map.of("c", 4.0)),
                Arguments.of("a path longer than 128 characters", "a" + "/b".repeat(70) + " 1\nz 2\n",
                        Map.of("z", 2.0)),
                Arguments.of("the last value of a repeated path wins", "a 1\na 2\n", Map.of("a", 2.0)),
                Arguments.of("garbage", "\u0000\u0001\u00ff\ufffd\n", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void parsesWhatIsWellFormedAndSkipsTheRest(String name, String text, Map<String, Double> expected) {
        assertThat(EngineTelemetryFile.parse(text)).isEqualTo(expected);
    }

    @Test
    void keepsAtMostTheMetricLimit() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < EngineTelemetryFile.MAX_METRICS + 10; i++) {
            text.append("m").append(i).append(' ').append(i).append('\n');
        }
        assertThat(EngineTelemetryFile.parse(text.toString())).hasSize(EngineTelemetryFile.MAX_METRICS)
                .containsEntry("m0", 0.0).doesNotContainKey("m" + EngineTelemetryFile.MAX_METRICS);
    }

    @Test
    void aMissingOrOversizedFileReadsAsNoMetrics(@TempDir Path dir) throws IOException {
        Path file = EngineTelemetryFile.of(dir, 1);
        assertThat(file.getFileName().toString()).isEqualTo("daos_engine_1.telemetry");
        assertThat(EngineTelemetryFile.read(file)).isEmpty();

        Files.writeString(file, "uptime 3\n");
        assertThat(EngineTelemetryFile.read(file)).containsExactlyEntriesOf(Map.of("uptime", 3.0));

        Files.writeString(file, "uptime 3\n" + "#".repeat(EngineTelemetryFile.MAX_BYTES));
        assertThat(EngineTelemetryFile.read(file)).isEmpty();

        Files.delete(file);
        Files.createDirectory(file); // unreadable as a file
        assertThat(EngineTelemetryFile.read(file)).isEmpty();
    }
}
