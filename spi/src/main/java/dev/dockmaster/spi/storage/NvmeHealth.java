package dev.dockmaster.spi.storage;

/**
 * The part of an NVMe SMART/health log that DAOS reports.
 *
 * @param temperatureKelvin composite temperature
 * @param powerCycles power cycle count
 * @param powerOnHours hours powered on
 * @param unsafeShutdowns unsafe shutdown count
 * @param mediaErrors media and data integrity errors
 * @param errorLogEntries error log entries
 * @param temperatureWarning the temperature is over its threshold
 * @param spareWarning available spare is below its threshold
 * @param reliabilityWarning NVM subsystem reliability is degraded
 * @param readOnlyWarning the media is read-only
 */
public record NvmeHealth(int temperatureKelvin, long powerCycles, long powerOnHours, long unsafeShutdowns,
                         long mediaErrors, long errorLogEntries, boolean temperatureWarning, boolean spareWarning,
                         boolean reliabilityWarning, boolean readOnlyWarning) {
}
