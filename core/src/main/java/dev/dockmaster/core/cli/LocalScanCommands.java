package dev.dockmaster.core.cli;

import dev.dockmaster.core.BuildInfo;
import dev.dockmaster.core.config.InvalidConfigException;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.core.storage.LocalProviders;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code daos_server scm scan} and {@code daos_server nvme scan}: the local commands an admin runs on a storage host
 * without a running server. They load the plugins the configuration enables and call their providers directly (no
 * gRPC), then print DAOS's tables. A provider that fails prints its fault and makes the command exit 1; the other
 * providers' devices are still shown.
 */
final class LocalScanCommands {
    private LocalScanCommands() {
    }

    @Command(name = "scm", description = "Perform tasks related to locally attached SCM storage",
            subcommands = ScmScan.class)
    static final class Scm implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: scan");
        }
    }

    @Command(name = "nvme", description = "Perform tasks related to locally attached NVMe storage",
            subcommands = NvmeScan.class)
    static final class Nvme implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: scan");
        }
    }

    /** What both scans share: the config option and the provider life cycle. */
    abstract static class LocalScan implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-o", "--config"}, paramLabel = "CONFIG", description = "Server config file")
        Path config;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                ServerConfig serverConfig = ConfigFiles.load(config, Map.of());
                Logging.quiet();
                try (LocalProviders providers = LocalProviders.open(serverConfig, ConfigFiles.home(),
                        BuildInfo.current().version())) {
                    List<String> errors = new ArrayList<>();
                    String text = scan(providers, errors);
                    spec.commandLine().getOut().print(text);
                    spec.commandLine().getOut().flush();
                    errors.forEach(e -> err.println("ERROR: daos_server: " + e));
                    return errors.isEmpty() ? 0 : 1;
                }
            } catch (InvalidConfigException e) {
                err.println("ERROR: daos_server: invalid configuration:\n" + e.getMessage());
                return 1;
            } catch (Fault fault) {
                err.println("ERROR: daos_server: " + fault.describe());
                return 1;
            }
        }

        abstract String scan(LocalProviders providers, List<String> errors);
    }

    @Command(name = "scan", description = "Scan SCM modules and namespaces of this host")
    static final class ScmScan extends LocalScan {
        @Override
        String scan(LocalProviders providers, List<String> errors) {
            List<ScmModule> modules = new ArrayList<>();
            List<ScmNamespace> namespaces = new ArrayList<>();
            for (ScmProvider provider : providers.storage().scm()) {
                try {
                    ScmScanResult result = provider.scan(ScmScanRequest.all());
                    modules.addAll(result.modules());
                    namespaces.addAll(result.namespaces());
                } catch (Fault fault) {
                    errors.add(fault.describe());
                } catch (RuntimeException e) {
                    errors.add("SCM provider '" + provider.name() + "' failed: " + e);
                }
            }
            return namespaces.isEmpty() ? LocalTables.scmModules(modules) : LocalTables.scmNamespaces(namespaces);
        }
    }

    @Command(name = "scan", description = "Scan NVMe SSDs (and emulated bdevs) of this host")
    static final class NvmeScan extends LocalScan {
        @Override
        String scan(LocalProviders providers, List<String> errors) {
            List<NvmeController> controllers = new ArrayList<>();
            for (BdevProvider provider : providers.storage().bdev()) {
                try {
                    controllers.addAll(provider.scan(BdevScanRequest.all()).controllers());
                } catch (Fault fault) {
                    errors.add(fault.describe());
                } catch (RuntimeException e) {
                    errors.add("bdev provider '" + provider.name() + "' failed: " + e);
                }
            }
            controllers.sort(Comparator.comparing(NvmeController::pciAddress));
            return LocalTables.nvmeControllers(controllers);
        }
    }
}
