package dev.dockmaster.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dRPC benchmark still works: a short run of both sizes produces figures for every transport. */
class DrpcRoundTripBenchmarkTest {

    @Test
    void shortRunProducesFigures() throws Exception {
        for (int size : new int[] {64, 64 * 1024}) {
            DrpcRoundTripBenchmark.Result r = DrpcRoundTripBenchmark.run(size, 200, 500);

            assertThat(r.seqpacket().nanos()).hasSize(500).doesNotContain(0L);
            assertThat(r.jdkStream().nanos()).hasSize(500).doesNotContain(0L);
            assertThat(r.seqpacketPerCall().nanos()).hasSize(100).doesNotContain(0L);
            assertThat(r.ratioP50()).isPositive();
        }
    }
}
