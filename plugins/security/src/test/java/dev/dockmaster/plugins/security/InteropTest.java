package dev.dockmaster.plugins.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** DAOS's build/interop.go rules, seen from a 2.6.5 server. */
class InteropTest {
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "ADMIN, 2.6.5, true",
            "ADMIN, 2.6.0, true",
            "ADMIN, 2.6.99, true",
            "ADMIN, 2.4.0, false",
            "ADMIN, 3.6.5, false",
            "SERVER, 2.7.0, false",
            "SERVER, 2.6.1, true",
            "AGENT, 2.4.0, true",
            "AGENT, 2.8.3, true",
            "AGENT, 2.3.9, false",
            "AGENT, 2.9.0, false",
            "AGENT, 3.6.5, false",
            "ADMIN, 1.2.0, false",
            "ADMIN, 0.0.0, false"})
    void compatibility(Component other, String version, boolean compatible) {
        DaosVersion self = DaosVersion.parse("2.6.5").orElseThrow();
        assertThat(Interop.compatible(self, other, DaosVersion.parse(version).orElseThrow())).isEqualTo(compatible);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource({"2.6.5, true", "v2.6.5, true", "2.6, false", "2.6.x, false", "'', false", "2.6.5.1, false"})
    void versionParsing(String text, boolean valid) {
        assertThat(DaosVersion.parse(text)).as(text).matches(v -> v.isPresent() == valid);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource({"daos_server-2.6.5, daos_server, 2.6.5", "daos_server, daos_server, ''",
            "my-sys-2.4.0, my-sys, 2.4.0", "my-sys, my-sys, ''", "'', '', ''"})
    void systemFieldSplitsNameAndVersion(String sys, String name, String version) {
        RequestChecks.SystemField f = RequestChecks.SystemField.parse(sys);
        assertThat(f.name()).isEqualTo(name);
        assertThat(f.version().map(Object::toString).orElse("")).isEqualTo(version);
    }
}
