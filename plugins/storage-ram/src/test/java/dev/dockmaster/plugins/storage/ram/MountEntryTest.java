package dev.dockmaster.plugins.storage.ram;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MountEntryTest {

    @Test
    void parsesMountsAndFindsTheTopmostAtATarget() {
        List<MountEntry> mounts = MountEntry.parse(List.of(
                "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
                "/dev/sda1 /mnt/daos ext4 rw,relatime 0 0",
                "tmpfs /mnt/daos tmpfs rw,noatime,size=4194304k,huge=always 0 0",
                "tmpfs /mnt/with\\040space tmpfs rw 0 0",
                ""));

        assertThat(mounts).hasSize(4);
        assertThat(MountEntry.topmostAt(mounts, "/mnt/daos")).get()
                .extracting(MountEntry::fsType).isEqualTo("tmpfs");
        assertThat(MountEntry.topmostAt(mounts, "/mnt/with space")).isPresent();
        assertThat(MountEntry.topmostAt(mounts, "/mnt")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/plain|/plain",
            "/a\\040b|/a b",
            "/tab\\011x|/tab\tx",
            "/back\\134slash|/back\\slash",
            "/not\\08octal|/not\\08octal",
            "/trailing\\04|/trailing\\04"})
    void unescapesOctal(String field, String expected) {
        assertThat(MountEntry.unescape(field)).isEqualTo(expected);
    }

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
