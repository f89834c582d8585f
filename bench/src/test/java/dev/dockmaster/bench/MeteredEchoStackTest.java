package dev.dockmaster.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark compares like with like: all four paths answer the same echo. */
class MeteredEchoStackTest {
    @Test
    void everyPathEchoes() throws Exception {
        try (MeteredEchoStack stack = new MeteredEchoStack()) {
            assertThat(MeteredEchoStack.call(stack.tcpBare)).isEqualTo(MeteredEchoStack.REQUEST);
            assertThat(MeteredEchoStack.call(stack.tcpMetered)).isEqualTo(MeteredEchoStack.REQUEST);
            assertThat(MeteredEchoStack.call(stack.inProcessBare)).isEqualTo(MeteredEchoStack.REQUEST);
            assertThat(MeteredEchoStack.call(stack.inProcessMetered)).isEqualTo(MeteredEchoStack.REQUEST);
        }
    }
}
