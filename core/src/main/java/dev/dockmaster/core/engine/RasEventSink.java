package dev.dockmaster.core.engine;

import dev.dockmaster.proto.shared.RASEvent;

/**
 * Where the harness publishes DAOS RAS events about its engines ({@code engine_died}, {@code engine_format_required}
 * ...): the event forwarder sends them to the management service leader (MgmtSvc ClusterEvent), as DAOS's
 * {@code events.Forwarder} does. Never blocks the caller.
 */
@FunctionalInterface
public interface RasEventSink {

    void publish(RASEvent event);

    /** A sink that drops every event, for servers and tests without a management service to tell. */
    static RasEventSink discard() {
        return event -> {
        };
    }
}
