package dev.dockmaster.core.engine;

import dev.dockmaster.core.drpc.EngineDrpcClient;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the harness needs to run engines, supplied once the server's gRPC port and dRPC listener are up (DAOS 4.1
 * step 13): how to launch processes, the engine binary and its shared settings, the join path to the management
 * service, the dRPC client to the engines and where RAS events go.
 *
 * @param serverEnv the environment engines inherit from (normally daos_server's own)
 */
public record EngineRuntime(EngineProcessRunner runner, Path binary, EngineCommandLine.Common common,
                            Map<String, String> serverEnv, EngineJoiner joiner, EngineDrpcClient drpc,
                            RasEventSink events) {
    public EngineRuntime {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(common, "common");
        serverEnv = Map.copyOf(serverEnv);
        Objects.requireNonNull(joiner, "joiner");
        Objects.requireNonNull(drpc, "drpc");
        Objects.requireNonNull(events, "events");
    }
}
