package dev.dockmaster.core.grpc;

import dev.dockmaster.spi.telemetry.MetricCounter;
import dev.dockmaster.spi.telemetry.MetricTimer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LateBoundMetricsTest {

    @Test
    void handlesDropUntilBoundThenRecordIntoTheExporter() {
        LateBoundMetrics late = new LateBoundMetrics();
        MetricTimer timer = late.timer("drpc_call", "d", Map.of("method", "202"));
        MetricCounter counter = late.counter("joins", "d", Map.of());
        timer.record(5);
        counter.increment();
        assertThat(late.bound()).isFalse();

        RecordingMetrics exporter = new RecordingMetrics();
        late.bind(exporter);
        timer.record(7);
        timer.record(9);
        counter.increment();

        assertThat(exporter.timings).containsOnlyKeys("drpc_call{method=202}");
        assertThat(exporter.timings.get("drpc_call{method=202}")).containsExactly(7L, 9L);
        assertThat(exporter.counts).containsEntry("joins{}", 1);
    }

    @Test
    void gaugesRegisteredBeforeTheBindAreExportedAfterIt() {
        LateBoundMetrics late = new LateBoundMetrics();
        late.gauge("ms_leader", "d", Map.of(), () -> 1.0);
        RecordingMetrics exporter = new RecordingMetrics();

        late.bind(exporter);
        late.gauge("ms_replica", "d", Map.of(), () -> 0.0);

        assertThat(exporter.gauges).containsOnlyKeys("ms_leader{}", "ms_replica{}");
        assertThat(exporter.gauges.get("ms_leader{}").getAsDouble()).isEqualTo(1.0);
    }

    @Test
    void aSecondBindIsIgnored() {
        LateBoundMetrics late = new LateBoundMetrics();
        RecordingMetrics first = new RecordingMetrics();
        RecordingMetrics second = new RecordingMetrics();
        late.bind(first);
        late.bind(second);

        late.counter("x", "d", Map.of()).increment();

        assertThat(first.counts).containsEntry("x{}", 1);
        assertThat(second.counts).isEmpty();
    }
}
