package dev.dockmaster.client.api;

import dev.dockmaster.client.hostlist.HostSet;

import java.time.Duration;
import java.util.Optional;

/**
 * Scan SCM and NVMe storage on every host.
 *
 * @param hosts      where to scan; empty means the configured hosts
 * @param usage      add mount and SMD usage (implies NVMe health and metadata)
 * @param nvmeHealth add NVMe health statistics and link information
 * @param nvmeBasic  strip NVMe details down to the basics (dmg sets it unless -v or -n)
 * @param timeout    the deadline for the whole scan; empty means the default
 */
public record StorageScanRequest(HostSet hosts, boolean usage, boolean nvmeHealth, boolean nvmeBasic,
                                 Optional<Duration> timeout) {
    public static StorageScanRequest of(HostSet hosts) {
        return new StorageScanRequest(hosts, false, false, false, Optional.empty());
    }
}
