package dev.dockmaster.dmg.pretty;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HumanizeTest {
    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource({
            "0,0 B,0 B",
            "9,9 B,9 B",
            "1000,1.0 kB,1000 B",
            "1024,1.0 kB,1.0 KiB",
            "1000000000,1.0 GB,954 MiB",
            "2000000000000,2.0 TB,1.8 TiB",
            "3200000000000,3.2 TB,2.9 TiB",
            "10500,10 kB,10 KiB",
            "999999,1000 kB,977 KiB"}) // go-humanize does not carry into the next unit either
    void matchesGoHumanize(long bytes, String si, String iec) {
        assertThat(Humanize.bytes(bytes)).isEqualTo(si);
        assertThat(Humanize.iBytes(bytes)).isEqualTo(iec);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0,0 T/s", "8e9,8 GT/s", "2.5e9,2.5 GT/s", "16e9,16 GT/s"})
    void si(double value, String expected) {
        assertThat(Humanize.si(value, "T/s")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0,NA", "1,data", "3,'data,meta'", "7,'data,meta,wal'", "4,wal"})
    void roles(int bits, String expected) {
        assertThat(StoragePrinter.roles(bits)).isEqualTo(expected);
    }
}
