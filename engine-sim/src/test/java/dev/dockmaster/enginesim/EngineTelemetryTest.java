package dev.dockmaster.enginesim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class EngineTelemetryTest {
    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_764_130_000_000L);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void publishesAWholeSnapshotUnderTheSocketDirAndRemovesItOnStop(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock();
        EngineTelemetry telemetry = EngineTelemetry.publishing(dir, 1, 4242, clock);
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true);
        Path file = dir.resolve("daos_engine_1.telemetry");

        telemetry.publish(log);
        assertThat(Files.readString(file)).isEqualTo("""
                # daos_engine telemetry: instance 1, pid 4242
                started_at 1764130000
                servicing_at 0
                uptime 0
                drpc/calls_handled 0
                drpc/calls_failed 0
                """);

        clock.millis.addAndGet(2_500);
        telemetry.rank(3);
        telemetry.callAnswered(true);
        telemetry.servicing();
        clock.millis.addAndGet(1_000);
        telemetry.servicing(); // only the first SetUp counts
        telemetry.callAnswered(false);
        telemetry.publish(log);
        assertThat(Files.readString(file)).isEqualTo("""
                # daos_engine telemetry: instance 1, pid 4242
                started_at 1764130000
                servicing_at 1764130002.5
                uptime 3.5
                rank 3
                drpc/calls_handled 2
                drpc/calls_failed 1
                """);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("daos_engine_1.telemetry");
        }

        telemetry.remove();
        assertThat(file).doesNotExist();
    }

    @Test
    void callsAreCountedWithTheirOutcome() throws Exception {
        EngineTelemetry telemetry = EngineTelemetry.inMemory();
        EngineCalls calls = new EngineCalls(EngineArgs.parse("-t", "2"), 1, "host", "2.6.5", "ERR",
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(new ByteArrayOutputStream(), true),
                telemetry, null, null, null); // ping and unknown calls touch neither the rank directory nor pools

        calls.handle(dev.dockmaster.proto.drpc.Call.newBuilder().setModule(2).setMethod(225).setSequence(1).build()
                .toByteArray()); // PingRank: SUCCESS
        calls.handle(dev.dockmaster.proto.drpc.Call.newBuilder().setModule(2).setMethod(299).setSequence(2).build()
                .toByteArray()); // unknown method
        calls.handle(new byte[] {(byte) 0xff, 0x01}); // garbage

        assertThat(telemetry.snapshot()).containsEntry("drpc/calls_handled", 3.0)
                .containsEntry("drpc/calls_failed", 2.0).containsEntry("servicing_at", 0.0)
                .doesNotContainKey("rank");
    }
}
