package dev.dockmaster.spi.storage;

import java.util.Objects;

/** One persistent-memory module (DIMM), as ipmctl reports it. */
public record ScmModule(int channelId, int channelPosition, int controllerId, int socketId, int physicalId,
                        long capacityBytes, String uid, String partNumber, String firmwareRevision,
                        String healthState) {
    public ScmModule {
        Objects.requireNonNull(uid, "uid");
        partNumber = Objects.requireNonNullElse(partNumber, "");
        firmwareRevision = Objects.requireNonNullElse(firmwareRevision, "");
        healthState = Objects.requireNonNullElse(healthState, "");
    }
}
