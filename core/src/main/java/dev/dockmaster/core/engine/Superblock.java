package dev.dockmaster.core.engine;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An engine's identity on its own storage ({@code <scm_mount>/superblock}). It survives restarts, so a formatted
 * engine does not ask for format again and keeps its UUID and, once it has joined, its rank.
 *
 * @param version format version, {@value #VERSION}
 * @param uuid the engine's UUID, random at creation
 * @param system the DAOS system name
 * @param rank the rank, once the system has given one
 * @param uri the engine's primary CaRT URI; empty until the engine runs
 * @param hostFaultDomain the host's fault domain, such as {@code /rack1/host1}
 * @param incarnation the engine's incarnation number; 0 until the engine runs
 */
public record Superblock(int version, UUID uuid, String system, OptionalLong rank, String uri,
                         String hostFaultDomain, long incarnation) {
    public static final int VERSION = 1;

    public Superblock {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(rank, "rank");
        uri = Objects.requireNonNullElse(uri, "");
        hostFaultDomain = Objects.requireNonNullElse(hostFaultDomain, "");
    }

    /** A new engine's superblock, as DAOS creates it after the first format. */
    public static Superblock create(String system, String hostFaultDomain) {
        return new Superblock(VERSION, UUID.randomUUID(), system, OptionalLong.empty(), "", hostFaultDomain, 0);
    }

    /** DAOS's {@code validrank}: the rank was assigned by the system. */
    public boolean validRank() {
        return rank.isPresent();
    }
}
