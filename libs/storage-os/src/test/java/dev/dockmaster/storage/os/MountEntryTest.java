package dev.dockmaster.storage.os;

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
}
