package dev.dockmaster.plugins.security;

import dev.dockmaster.core.config.TypesafeConfigView;
import dev.dockmaster.core.grpc.ServerModule;
import dev.dockmaster.spi.DockmasterPlugin;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.TransportInfo;
import dev.dockmaster.spi.storage.StorageProviders;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table covers exactly the methods that exist: every method of every service the shipped modules register (the
 * core's own module and every plugin module found on the class path, created as the server would), and every
 * method of every service generated from the wire API, has an entry; every entry names one of those methods.
 */
class AuthorizationTableTest {

    @Test
    void everyRegisteredMethodHasAnEntry() {
        Set<String> registered = registeredMethods();
        assertThat(registered).as("the shipped modules register CtlSvc and ServerSvc at least")
                .contains("ctl.CtlSvc/StorageScan", "dockmaster.v1.ServerSvc/ListPlugins");
        assertThat(AuthorizationTable.DEFAULT.entries().keySet())
                .as("methods registered by shipped modules without an authorization entry")
                .containsAll(registered);
    }

    @Test
    void everyGeneratedMethodHasAnEntry() throws Exception {
        Set<String> generated = generatedMethods();
        assertThat(generated).contains("ctl.CtlSvc/NetworkScan");
        assertThat(AuthorizationTable.DEFAULT.entries().keySet())
                .as("methods of the generated wire API without an authorization entry")
                .containsAll(generated);
    }

    @Test
    void everyEntryNamesARealMethod() throws Exception {
        Set<String> real = new TreeSet<>(generatedMethods());
        real.addAll(registeredMethods());
        assertThat(real).as("authorization entries that name no real method")
                .containsAll(AuthorizationTable.DEFAULT.entries().keySet());
    }

    @Test
    void everyEntryAllowsSomeoneAndNeverUndefined() {
        AuthorizationTable.DEFAULT.entries().forEach((method, components) ->
                assertThat(components).as(method).isNotEmpty().doesNotContain(Component.UNDEFINED));
    }

    @Test
    void followsDaosForTheDaosMethods() {
        AuthorizationTable t = AuthorizationTable.DEFAULT;
        assertThat(t.permits(Component.ADMIN, "ctl.CtlSvc/NetworkScan")).isTrue();
        assertThat(t.permits(Component.AGENT, "ctl.CtlSvc/NetworkScan")).isFalse();
        assertThat(t.permits(Component.SERVER, "ctl.CtlSvc/StorageScan")).isFalse();
        assertThat(t.permits(Component.SERVER, "ctl.CtlSvc/StopRanks")).isTrue();
        assertThat(t.permits(Component.ADMIN, "ctl.CtlSvc/StopRanks")).isFalse();
        assertThat(t.permits(Component.ADMIN, "ctl.CtlSvc/NoSuchMethod")).isFalse();
    }

    /** Full method names of every service of every module the distribution ships, as the server creates them. */
    static Set<String> registeredMethods() {
        List<GrpcModuleFactory> factories = new ArrayList<>();
        factories.add(new ServerModule(() -> {
            throw new AssertionError("not called");
        }));
        for (DockmasterPlugin plugin : ServiceLoader.load(DockmasterPlugin.class)) {
            factories.addAll(plugin.grpcModules());
        }
        assertThat(factories).extracting(GrpcModuleFactory::name).contains("server", "control", "security");
        Set<String> methods = new TreeSet<>();
        for (GrpcModuleFactory factory : factories) {
            GrpcModule module = factory.create(new Context(TypesafeConfigView.empty("modules." + factory.name())));
            for (ServerServiceDefinition service : module.services()) {
                service.getMethods().forEach(m -> methods.add(m.getMethodDescriptor().getFullMethodName()));
            }
            module.close();
        }
        return methods;
    }

    /** Full method names of every {@code *Grpc} service class generated in the wire API jar. */
    static Set<String> generatedMethods() throws IOException, URISyntaxException, ReflectiveOperationException {
        Path location = Path.of(dev.dockmaster.proto.ctl.CtlSvcGrpc.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        List<String> classNames = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.map(p -> location.relativize(p).toString()).filter(n -> n.endsWith("Grpc.class"))
                        .forEach(classNames::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.endsWith("Grpc.class")).forEach(classNames::add);
            }
        }
        assertThat(classNames).isNotEmpty();
        Set<String> methods = new TreeSet<>();
        for (String name : classNames) {
            Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""));
            ServiceDescriptor descriptor = (ServiceDescriptor) type.getMethod("getServiceDescriptor").invoke(null);
            for (MethodDescriptor<?, ?> method : descriptor.getMethods()) {
                methods.add(method.getFullMethodName());
            }
        }
        return methods;
    }

    private record Context(ConfigView config) implements ModuleContext {
        @Override
        public ServerInfo server() {
            return new ServerInfo("daos_server", "2.6.5", "node1", 10001, List.of(), 0, 0);
        }

        @Override
        public TransportInfo transport() {
            Path certs = Path.of("/nonexistent/certs");
            return new TransportInfo(true, certs.resolve("daosCA.crt"), certs.resolve("server.crt"),
                    certs.resolve("server.key"), certs.resolve("clients"));
        }

        @Override
        public StorageProviders storage() {
            return new StorageProviders() {
                @Override
                public List<dev.dockmaster.spi.storage.ScmProvider> scm() {
                    return List.of();
                }

                @Override
                public List<dev.dockmaster.spi.storage.BdevProvider> bdev() {
                    return List.of();
                }
            };
        }
    }
}
