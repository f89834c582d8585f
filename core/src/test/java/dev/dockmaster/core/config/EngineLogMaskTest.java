package dev.dockmaster.core.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EngineLogMaskTest {

    @ParameterizedTest(name = "mask \"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "''                 | ",
            "ERR                | ",
            "debug              | ",
            "ERR,mgmt=DEBUG     | ",
            "INFO,bio=ERR,rdb=WARN | ",
            "LOUD               | unknown log level \"LOUD\"",
            "ERR,mgmt           | not of the form SUBSYSTEM=LEVEL",
            "ERR,all=DEBUG      | 'all' may not be used",
            "ERR,mgnt=DEBUG     | unknown log subsystem \"mgnt\" (did you mean \"MGMT\"?)",
            "ERR;mgmt=DEBUG     | has characters other than",
    })
    void checksLikeDaos(String mask, String problem) {
        if (problem == null) {
            assertThat(EngineLogMask.check(mask)).isEmpty();
        } else {
            assertThat(EngineLogMask.check(mask)).hasValueSatisfying(p -> assertThat(p).contains(problem));
        }
    }
}
