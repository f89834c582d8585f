package dev.dockmaster.core.engine;

import dev.dockmaster.proto.shared.RASEvent;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The RAS events the harness raises, with DAOS's ids, types and severities ({@code src/include/daos_srv/ras.h},
 * {@code src/control/events/ras.go}).
 */
public final class EngineEvents {
    /** {@code RAS_ENGINE_FORMAT_REQUIRED}, name {@code engine_format_required}. */
    public static final int ENGINE_FORMAT_REQUIRED = 1;
    /** {@code RAS_ENGINE_DIED}, name {@code engine_died}. */
    public static final int ENGINE_DIED = 2;
    /** {@code RAS_TYPE_STATE_CHANGE}. */
    public static final int TYPE_STATE_CHANGE = 1;
    /** {@code RAS_TYPE_INFO}. */
    public static final int TYPE_INFO = 2;
    /** {@code RAS_SEV_NOTICE}. */
    public static final int SEVERITY_NOTICE = 3;
    /** {@code RAS_SEV_ERROR}. */
    public static final int SEVERITY_ERROR = 1;

    /** DAOS's event time stamps: microseconds and the zone offset. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private EngineEvents() {
    }

    /**
     * DAOS's {@code NewEngineDiedEvent}: "DAOS engine N exited unexpectedly: <status>", with the rank and incarnation
     * the management service uses to mark the member Errored (or ignore an event of an older incarnation).
     */
    public static RASEvent engineDied(String hostname, int instance, int rank, long incarnation, String exitStatus,
                                      long pid, String error) {
        return RASEvent.newBuilder()
                .setId(ENGINE_DIED)
                .setMsg("DAOS engine " + instance + " exited unexpectedly: " + exitStatus)
                .setTimestamp(OffsetDateTime.now().format(TIMESTAMP))
                .setType(TYPE_STATE_CHANGE)
                .setSeverity(SEVERITY_ERROR)
                .setHostname(hostname)
                .setRank(rank)
                .setIncarnation(incarnation)
                .setProcId(pid)
                .setEngineStateInfo(RASEvent.EngineStateEventInfo.newBuilder()
                        .setInstance(instance).setErrored(true).setError(error))
                .build();
    }

    /** DAOS's {@code NewEngineFormatRequiredEvent}: "DAOS engine N requires a SCM format", informational. */
    public static RASEvent formatRequired(String hostname, int instance) {
        return RASEvent.newBuilder()
                .setId(ENGINE_FORMAT_REQUIRED)
                .setMsg("DAOS engine " + instance + " requires a SCM format")
                .setTimestamp(OffsetDateTime.now().format(TIMESTAMP))
                .setType(TYPE_INFO)
                .setSeverity(SEVERITY_NOTICE)
                .setHostname(hostname)
                .setRank(0xFFFF_FFFF)
                .setProcId(ProcessHandle.current().pid())
                .setEngineStateInfo(RASEvent.EngineStateEventInfo.newBuilder().setInstance(instance))
                .build();
    }
}
