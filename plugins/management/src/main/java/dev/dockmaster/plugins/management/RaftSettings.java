package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.config.ConfigView;

import java.time.Duration;

/**
 * The module's settings, {@code modules.management { ... }}, with DAOS's raft timings as defaults
 * ({@code system/raft/raft.go}: heartbeat and election timeout 2 s, leader lease 1 s, snapshot every 32 entries).
 *
 * @param raftPortOffset    Ratis listens on the control port plus this offset (the access point's port is the gRPC
 *                          port; raft needs a port of its own)
 * @param heartbeatTimeout  how long a follower waits for the leader before starting an election; Ratis draws its
 *                          election timeout between this and {@code electionTimeout} + {@code heartbeatTimeout}
 * @param electionTimeout   the width of Ratis's randomised election window above {@code heartbeatTimeout}
 * @param leaderLeaseTimeout how long a leader may serve without hearing from a majority; expressed to Ratis as a
 *                          ratio of {@code heartbeatTimeout}
 * @param snapshotThreshold entries between two snapshots
 * @param joinBatchWindow   how long the leader gathers joins before committing them as one raft entry (250 ms)
 */
public record RaftSettings(int raftPortOffset, Duration heartbeatTimeout, Duration electionTimeout,
                           Duration leaderLeaseTimeout, long snapshotThreshold, Duration joinBatchWindow) {

    public static final RaftSettings DEFAULTS = new RaftSettings(1, Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(1), 32, Duration.ofMillis(250));

    public static final String DOMAIN = "config";
    /** DAOS's code for a bad server configuration value. */
    static final int BAD_VALUE = 700;

    public RaftSettings {
        if (raftPortOffset < 1 || raftPortOffset > 1000) {
            throw bad("raft_port_offset", Integer.toString(raftPortOffset), "a number from 1 to 1000");
        }
        positive("heartbeat_timeout", heartbeatTimeout);
        positive("election_timeout", electionTimeout);
        positive("leader_lease_timeout", leaderLeaseTimeout);
        if (leaderLeaseTimeout.compareTo(heartbeatTimeout) > 0) {
            throw bad("leader_lease_timeout", leaderLeaseTimeout.toString(), "at most heartbeat_timeout");
        }
        if (snapshotThreshold < 1) {
            throw bad("snapshot_threshold", Long.toString(snapshotThreshold), "a positive number of entries");
        }
        if (joinBatchWindow.isNegative() || joinBatchWindow.compareTo(Duration.ofSeconds(10)) > 0) {
            throw bad("join_batch_window", joinBatchWindow.toString(), "a duration from 0 to 10s");
        }
    }

    /** Reads {@code modules.management}; absent keys take DAOS's defaults. */
    public static RaftSettings from(ConfigView config) {
        return new RaftSettings(
                config.hasPath("raft_port_offset") ? config.getInt("raft_port_offset") : DEFAULTS.raftPortOffset,
                duration(config, "heartbeat_timeout", DEFAULTS.heartbeatTimeout),
                duration(config, "election_timeout", DEFAULTS.electionTimeout),
                duration(config, "leader_lease_timeout", DEFAULTS.leaderLeaseTimeout),
                config.hasPath("snapshot_threshold") ? config.getLong("snapshot_threshold")
                        : DEFAULTS.snapshotThreshold,
                duration(config, "join_batch_window", DEFAULTS.joinBatchWindow));
    }

    /** Accepts {@code 2s}, {@code 250ms}, {@code 1m}, or a plain number of milliseconds. */
    static Duration duration(ConfigView config, String key, Duration fallback) {
        if (!config.hasPath(key)) {
            return fallback;
        }
        String text = config.getString(key).strip();
        try {
            if (text.matches("\\d+")) {
                return Duration.ofMillis(Long.parseLong(text));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1).strip())
                        * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).strip()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, text, "a duration such as 2s or 250ms");
    }

    private static void positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw bad(key, value.toString(), "a positive duration");
        }
    }

    static Fault bad(String key, String value, String wanted) {
        return new Fault(DOMAIN, BAD_VALUE, "modules.management." + key + ": invalid value \"" + value + "\"",
                "write " + wanted + " (see the management plugin's reference.conf)");
    }
}
