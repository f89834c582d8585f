package dev.dockmaster.plugins.control;

import dev.dockmaster.proto.ctl.MemInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MemInfoReaderTest {

    static Stream<Arguments> texts() throws IOException {
        return Stream.of(
                Arguments.of("fixture, 2 MiB hugepages", fixture("meminfo-2m-hugepages.txt")),
                Arguments.of("a key seen twice keeps the last value", "MemFree: 1 kB\nMemFree: 2 kB\n"),
                Arguments.of("a later non-number keeps the earlier value", "MemFree: 1 kB\nMemFree: lots kB\n"),
                Arguments.of("tabs, carriage returns, no final newline", "MemTotal:\t\t42 kB\r\nHugePages_Free:\t7"),
                Arguments.of("blanks around the key", "  MemAvailable  :   5 kB\n"),
                Arguments.of("a colon first, no colon, empty value", ":5\nnonsense 3\nHugePages_Total:\n\n"),
                Arguments.of("signs and numbers too large", "HugePages_Rsvd: -4\nHugePages_Surp: +3\n"
                        + "MemTotal: 99999999999999999999 kB\nHugepagesize: 1048576 kB\n"),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void parsesAsTheSplitAndMapReadingDid(String name, String text) {
        assertThat(MemInfoReader.parse(text)).isEqualTo(reference(text));
    }

    @Test
    void parsesThisHostsMeminfoAsTheSplitAndMapReadingDid() throws IOException {
        String text = Files.readString(Path.of("/proc/meminfo"));

        MemInfo parsed = MemInfoReader.parse(text);

        assertThat(parsed).isEqualTo(reference(text));
        assertThat(parsed.getMemTotalKb()).isPositive();
    }

    @Test
    void everyReadIsLive() {
        TestingHostFacts host = new TestingHostFacts().file(MemInfoReader.PATH, "MemAvailable: 10 kB\n");
        try (MemInfoReader reader = new MemInfoReader(host)) {
            assertThat(reader.read().getMemAvailableKb()).isEqualTo(10);

            host.file(MemInfoReader.PATH, "MemAvailable: 9 kB\n");

            assertThat(reader.read().getMemAvailableKb()).isEqualTo(9);
        }
    }

    @Test
    void aClosedReaderReportsNothing() {
        TestingHostFacts host = new TestingHostFacts().file(MemInfoReader.PATH, "MemAvailable: 10 kB\n");
        MemInfoReader reader = new MemInfoReader(host);

        reader.close();

        assertThat(reader.read()).isEqualTo(MemInfo.getDefaultInstance());
    }

    /** The parsing this class did before it was made a single pass: split every line on blanks, keep a map. */
    private static MemInfo reference(String text) {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] words = line.substring(colon + 1).trim().split("\\s+");
            try {
                values.put(line.substring(0, colon).trim(), Long.parseLong(words[0]));
            } catch (NumberFormatException e) {
                // skipped, as before
            }
        }
        return MemInfo.newBuilder()
                .setHugepagesTotal(values.getOrDefault("HugePages_Total", 0L))
                .setHugepagesFree(values.getOrDefault("HugePages_Free", 0L))
                .setHugepagesReserved(values.getOrDefault("HugePages_Rsvd", 0L))
                .setHugepagesSurplus(values.getOrDefault("HugePages_Surp", 0L))
                .setHugepageSizeKb((int) (long) values.getOrDefault("Hugepagesize", 0L))
                .setMemTotalKb(values.getOrDefault("MemTotal", 0L))
                .setMemFreeKb(values.getOrDefault("MemFree", 0L))
                .setMemAvailableKb(values.getOrDefault("MemAvailable", 0L))
                .build();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = MemInfoReaderTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
