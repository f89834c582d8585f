package dev.dockmaster.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The latency benchmark still runs every case against real providers (a few iterations, no figures checked). */
class StorageScanLatencyTest {

    @TempDir
    Path dir;

    @Test
    void everyCaseRunsAndIsTimed() throws Exception {
        StorageScanLatency bench = new StorageScanLatency(dir);
        try {
            List<StorageScanLatency.Result> results = bench.run(5);

            assertThat(results).extracting(StorageScanLatency.Result::name).hasSize(5)
                    .contains("StorageScan, mock providers", "StorageScan, mock + file + nvme(sysfs) + ipmctl");
            assertThat(results).allSatisfy(r -> {
                assertThat(r.nanos()).hasSize(5);
                assertThat(r.medianMs()).isPositive();
                assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.medianMs());
            });
        } finally {
            bench.close();
        }
    }
}
