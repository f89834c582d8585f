package dev.dockmaster.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The TLS benchmark compares like with like: both servers answer the call, the secure one over mutual TLS. */
class TlsStackTest {
    @Test
    void bothServersAnswerTheSameCall() throws Exception {
        try (TlsStack stack = new TlsStack()) {
            assertThat(stack.secureStub.listPlugins(TlsStack.REQUEST).getPluginsList())
                    .extracting(p -> p.getId()).contains("security", "control");
            assertThat(stack.insecureStub.listPlugins(TlsStack.REQUEST).getPluginsCount())
                    .isEqualTo(stack.secureStub.listPlugins(TlsStack.REQUEST).getPluginsCount());
        }
    }
}
