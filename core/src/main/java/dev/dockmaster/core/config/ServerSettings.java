package dev.dockmaster.core.config;

import java.util.List;

/** The validated, typed values of a server configuration; {@link LoadedServerConfig} serves them. */
record ServerSettings(
        String systemName,
        int port,
        List<String> accessPoints,
        TransportConfig transport,
        String socketDir,
        int telemetryPort,
        String controlLogMask,
        String controlLogFile,
        boolean controlLogJson,
        String helperLogFile,
        String firmwareHelperLogFile,
        List<String> fabricProviders,
        String fabricIface,
        int fabricIfacePort,
        int crtTimeout,
        boolean disableSrx,
        String fabricAuthKey,
        List<String> clientEnvVars,
        String faultPath,
        String faultCb,
        int nrHugepages,
        boolean disableHugepages,
        boolean allowThp,
        int systemRamReserved,
        ControlMetadata controlMetadata,
        List<String> bdevExclude,
        boolean disableVfio,
        boolean disableVmd,
        boolean enableHotplug,
        boolean hyperthreads,
        int coreDumpFilter,
        List<EngineConfig> engines,
        PluginsConfig plugins,
        String engineBinary) {

    ServerSettings {
        accessPoints = List.copyOf(accessPoints);
        fabricProviders = List.copyOf(fabricProviders);
        clientEnvVars = List.copyOf(clientEnvVars);
        bdevExclude = List.copyOf(bdevExclude);
        engines = List.copyOf(engines);
    }
}
