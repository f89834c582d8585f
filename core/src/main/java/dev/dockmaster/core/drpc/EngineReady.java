package dev.dockmaster.core.drpc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** An engine's NotifyReady (301): it is initialised and waits for SetRank and SetUp on {@code socket}. */
public record EngineReady(int instanceIdx, String uri, int contexts, Path socket, int targets, long incarnation,
                          List<String> secondaryUris, boolean checkMode, Instant receivedAt) {
    public EngineReady {
        secondaryUris = List.copyOf(secondaryUris);
    }
}
