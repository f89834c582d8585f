package dev.dockmaster.plugins.storage.ram;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Host memory and tmpfs option parsing of the ram provider (mount-table parsing is tested in libs/storage-os). */
class RamHostFactsTest {

    @Test
    void memAvailableIsInBytes() {
        assertThat(MemInfo.memAvailableBytes(List.of("MemTotal: 32 kB", "MemAvailable:   24151756 kB")))
                .isEqualTo(24151756L * 1024);
    }

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({"4294967296,noatime,size=4g,mode=0755,huge=always", "1048576,noatime,size=1048576,mode=0755,huge=always"})
    void tmpfsOptionsWriteWholeGibAsG(long size, String a, String b, String c, String d) {
        assertThat(new TmpfsOptions("always", "0755").mountOptions(size)).isEqualTo(String.join(",", a, b, c, d));
    }
}
