package dev.dockmaster.plugins.management;

import dev.dockmaster.proto.shared.RASEvent;
import dev.dockmaster.proto.shared.RankResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The RAS events the management service leader raises about system commands (DAOS {@code server/mgmt_system.go}):
 * {@code system_stop_failed} and {@code system_start_failed} when some rank's result errored, generic info-only
 * events of severity error, logged in the data plane's RAS line format.
 */
final class SystemEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SystemEvents.class);
    /** {@code RAS_TYPE_INFO} and {@code RAS_SEV_ERROR} ({@code daos_srv/ras.h}). */
    static final int TYPE_INFO_ONLY = 2;
    static final int SEVERITY_ERROR = 1;
    /** Go's {@code math.MaxUint32}: the event concerns no rank. */
    static final int NO_RANK = -1;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd-HH:mm:ss.SSSSSS");

    private SystemEvents() {
    }

    /** {@code system_stop_failed} when a result of the stop's last phase ({@code prep shutdown} or {@code stop}) errored. */
    static Optional<RASEvent> stopFailed(String action, List<RankResult> results, String hostname) {
        return failedRanks(results).map(failed -> event(ManagementService.RAS_SYSTEM_STOP_FAILED,
                "System shutdown failed during \"" + action + "\" action, " + failed, hostname));
    }

    /** {@code system_start_failed} when a start result errored. */
    static Optional<RASEvent> startFailed(List<RankResult> results, String hostname) {
        return failedRanks(results).map(failed -> event(ManagementService.RAS_SYSTEM_START_FAILED,
                "System startup failed, " + failed, hostname));
    }

    /** DAOS's {@code MemberResults.Errors()}: "failed rank 3" or "failed ranks 3-4". */
    static Optional<String> failedRanks(List<RankResult> results) {
        TreeSet<Long> failed = new TreeSet<>();
        results.stream().filter(RankResult::getErrored).forEach(r -> failed.add(Integer.toUnsignedLong(r.getRank())));
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("failed " + (failed.size() == 1 ? "rank " : "ranks ") + Ranks.format(failed));
    }

    private static RASEvent event(int id, String msg, String hostname) {
        return RASEvent.newBuilder().setId(id).setType(TYPE_INFO_ONLY).setSeverity(SEVERITY_ERROR).setMsg(msg)
                .setHostname(hostname).setRank(NO_RANK).setProcId(ProcessHandle.current().pid())
                .setTimestamp(TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC))).build();
    }

    static String name(int id) {
        return switch (id) {
            case ManagementService.RAS_SYSTEM_START_FAILED -> "system_start_failed";
            case ManagementService.RAS_SYSTEM_STOP_FAILED -> "system_stop_failed";
            default -> "unknown_ras_event";
        };
    }

    /** The event as DAOS prints one: {@code id: [system_stop_failed] ts: [...] host: [...] type: [INFO] ...}. */
    static String describe(RASEvent e) {
        return "id: [" + name(e.getId()) + "] ts: [" + e.getTimestamp() + "] host: [" + e.getHostname()
                + "] type: [INFO] sev: [ERROR] msg: [" + e.getMsg() + "] pid: [" + e.getProcId() + "]";
    }

    static void log(RASEvent e) {
        LOG.error("RAS event {}", describe(e));
    }
}
