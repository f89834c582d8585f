package dev.dockmaster.enginesim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineArgsTest {

    @Test
    void theCommandLineDaosServerBuilds() throws Exception {
        EngineArgs a = EngineArgs.parse("-t", "8", "-x", "2", "-g", "daos_server", "-d", "/run/daos", "-s",
                "/mnt/daos0", "-n", "/mnt/daos0/daos_nvme.conf", "-I", "1", "-f", "0x10", "-r", "4096", "-H", "2",
                "-p", "1", "-T", "2", "-b");

        assertThat(a.targets()).isEqualTo(8);
        assertThat(a.helperXs()).isEqualTo(2);
        assertThat(a.group()).isEqualTo("daos_server");
        assertThat(a.socketDir()).isEqualTo("/run/daos");
        assertThat(a.storage()).isEqualTo("/mnt/daos0");
        assertThat(a.nvmeConfig()).isEqualTo("/mnt/daos0/daos_nvme.conf");
        assertThat(a.instanceIdx()).isEqualTo(1);
        assertThat(a.firstCore()).isEqualTo(16);
        assertThat(a.memSizeMib()).isEqualTo(4096);
        assertThat(a.hugepageSizeMib()).isEqualTo(2);
        assertThat(a.numaNode()).isEqualTo(1);
        assertThat(a.storageTiers()).isEqualTo(2);
        assertThat(a.bypassHealthCheck()).isTrue();
        assertThat(a.checkMode()).isFalse();
    }

    @Test
    void longOptionsAndAttachedValues() throws Exception {
        EngineArgs a = EngineArgs.parse("--targets=4", "--socket_dir", "/tmp/s", "-I3", "--check", "-bC");

        assertThat(a.targets()).isEqualTo(4);
        assertThat(a.socketDir()).isEqualTo("/tmp/s");
        assertThat(a.instanceIdx()).isEqualTo(3);
        assertThat(a.checkMode()).isTrue();
        assertThat(a.bypassHealthCheck()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-t abc | invalid numeric value: abc (set by \"-t\")",
            "-I 1x | invalid numeric value: 1x (set by \"-I\")",
            "-T 5 | Requires 1 to 4 tiers",
            "-g a_very_long_system_name | DAOS system name must be at most 15 bytes",
            "-q | invalid option -- 'q'",
            "--bogus | unrecognized option '--bogus'",
            "-t | option requires an argument -- 't'"})
    void badCommandLines(String line, String message) {
        assertThatThrownBy(() -> EngineArgs.parse(line.trim().split(" ")))
                .isInstanceOf(EngineArgs.BadArgs.class).hasMessage(message);
    }
}
