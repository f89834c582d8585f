package dev.dockmaster.spi;

import dev.dockmaster.spi.engine.BdevFormatOutcome;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineTier;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.engine.LogMasks;
import dev.dockmaster.spi.engine.RankResult;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import dev.dockmaster.spi.grpc.ServerInfo;
import dev.dockmaster.spi.grpc.ServerInventory;
import dev.dockmaster.spi.grpc.TransportInfo;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.MountUsage;
import dev.dockmaster.spi.storage.NvmeController;
import dev.dockmaster.spi.storage.NvmeHealth;
import dev.dockmaster.spi.storage.NvmeNamespace;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmModule;
import dev.dockmaster.spi.storage.ScmNamespace;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;
import io.grpc.ServerInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The value records of the SPI keep their documented promises: required components reject null with the component's
 * name as the message, optional text becomes {@code ""}, and lists are copied (a caller's later change does not leak
 * in) and unmodifiable. Every SPI record must have a row here, and every reference-typed component a classification,
 * so a new record or component cannot skip the decision.
 */
class SpiRecordContractsTest {

    /**
     * What one record promises for its reference-typed components.
     *
     * @param required null throws NullPointerException naming the component
     * @param emptyWhenNull null becomes the empty string
     * @param copiedLists defensively copied into an unmodifiable list; null (or a null element) is rejected
     */
    record Contract(Class<? extends Record> type, Set<String> required, Set<String> emptyWhenNull,
                    Set<String> copiedLists) {
        static Contract of(Class<? extends Record> type) {
            return new Contract(type, Set.of(), Set.of(), Set.of());
        }

        Contract required(String... names) {
            return new Contract(type, Set.of(names), emptyWhenNull, copiedLists);
        }

        Contract emptyWhenNull(String... names) {
            return new Contract(type, required, Set.of(names), copiedLists);
        }

        Contract copiedLists(String... names) {
            return new Contract(type, required, emptyWhenNull, Set.of(names));
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static final List<Contract> CONTRACTS = List.of(
            Contract.of(OrderedInterceptor.class).required("name", "interceptor"),
            Contract.of(dev.dockmaster.spi.grpc.PeerTls.class).required("keyManager", "trustManager"),
            Contract.of(ServerInfo.class).required("systemName", "daosVersion", "hostname", "controlMetadataPath")
                    .copiedLists("fabricProviders", "accessPoints"),
            Contract.of(ServerInventory.PluginState.class).required("id", "version", "state"),
            Contract.of(ServerInventory.ModuleState.class).required("name", "pluginId"),
            Contract.of(TransportInfo.class).required("caCert", "cert", "key", "clientCertDir"),
            Contract.of(BdevFormatRequest.class).required("storageClass").copiedLists("devices"),
            Contract.of(BdevScanRequest.class).copiedLists("devices"),
            Contract.of(BdevScanResult.class).copiedLists("controllers"),
            Contract.of(DeviceResult.class).required("device", "outcome").emptyWhenNull("message"),
            Contract.of(MountUsage.class).required("path", "storageClass").copiedLists("devices"),
            Contract.of(NvmeController.class).required("pciAddress", "health")
                    .emptyWhenNull("model", "serial", "firmwareRevision", "vendorId", "pciDeviceType")
                    .copiedLists("namespaces"),
            Contract.of(NvmeHealth.class),
            Contract.of(NvmeNamespace.class),
            Contract.of(ScmFormatRequest.class).required("storageClass", "mountPoint").copiedLists("devices"),
            Contract.of(ScmFormatState.class).emptyWhenNull("detail"),
            Contract.of(ScmModule.class).required("uid")
                    .emptyWhenNull("partNumber", "firmwareRevision", "healthState"),
            Contract.of(ScmNamespace.class).required("uuid", "blockDevice", "mount").emptyWhenNull("device"),
            Contract.of(ScmScanRequest.class).copiedLists("devices"),
            Contract.of(ScmScanResult.class).copiedLists("modules", "namespaces"),
            Contract.of(EngineTier.class).required("storageClass").emptyWhenNull("mountPoint")
                    .copiedLists("devices"),
            Contract.of(EngineView.class).required("state", "rank").copiedLists("tiers"),
            Contract.of(RankResult.class).required("action", "message", "state"),
            Contract.of(LogMasks.class).required("masks", "streams", "subsystems"),
            Contract.of(dev.dockmaster.spi.engine.PoolDirectory.Pool.class).required("uuid", "label")
                    .copiedLists("serviceRanks"),
            Contract.of(BdevFormatOutcome.class).required("result"),
            Contract.of(EngineFormatResult.class).required("scmMount", "scm").copiedLists("bdevs"));

    static List<Contract> contracts() {
        return CONTRACTS;
    }

    @Test
    void everySpiRecordHasAContract() {
        Set<Class<?>> records = SpiSurface.publicTypes().stream().filter(Class::isRecord).collect(Collectors.toSet());
        Set<Class<?>> covered = CONTRACTS.stream().map(Contract::type).collect(Collectors.toSet());

        assertThat(records).as("SPI records; add a Contract row for each new one").isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(covered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void everyReferenceComponentIsClassifiedOnce(Contract contract) {
        List<String> classified = new ArrayList<>(contract.required());
        classified.addAll(contract.emptyWhenNull());
        classified.addAll(contract.copiedLists());
        List<String> referenceComponents = Arrays.stream(contract.type().getRecordComponents())
                .filter(c -> !c.getType().isPrimitive()).map(RecordComponent::getName).toList();

        assertThat(classified).as("components of %s classified as required, empty-when-null or copied list "
                + "(each exactly once)", contract).containsExactlyInAnyOrderElementsOf(referenceComponents);
        assertThat(contract.copiedLists()).allSatisfy(name -> assertThat(component(contract, name).getType())
                .as("%s.%s", contract, name).isEqualTo(List.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void keepsTheValuesItIsGiven(Contract contract) throws Exception {
        Object[] args = sampleArguments(contract.type());

        Record record = construct(contract.type(), args);

        RecordComponent[] components = contract.type().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            assertThat(components[i].getAccessor().invoke(record)).as("%s.%s", contract, components[i].getName())
                    .isEqualTo(args[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void requiredComponentsRejectNullNamingTheComponent(Contract contract) {
        for (String name : contract.required()) {
            Object[] args = sampleArguments(contract.type());
            args[index(contract, name)] = null;

            assertThatThrownBy(() -> construct(contract.type(), args)).as("%s with %s = null", contract, name)
                    .isInstanceOf(NullPointerException.class).hasMessage(name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void optionalTextBecomesEmpty(Contract contract) throws Exception {
        for (String name : contract.emptyWhenNull()) {
            Object[] args = sampleArguments(contract.type());
            args[index(contract, name)] = null;

            Record record = construct(contract.type(), args);

            assertThat(component(contract, name).getAccessor().invoke(record)).as("%s.%s", contract, name)
                    .isEqualTo("");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void listsAreCopiedAndUnmodifiable(Contract contract) throws Exception {
        for (String name : contract.copiedLists()) {
            Object[] args = sampleArguments(contract.type());
            int i = index(contract, name);
            @SuppressWarnings("unchecked")
            List<Object> source = (List<Object>) args[i];
            Object element = source.get(0);

            Record record = construct(contract.type(), args);
            source.clear();

            @SuppressWarnings("unchecked")
            List<Object> kept = (List<Object>) component(contract, name).getAccessor().invoke(record);
            assertThat(kept).as("%s.%s after the caller cleared its list", contract, name).containsExactly(element);
            assertThatThrownBy(() -> kept.add(element)).as("%s.%s is unmodifiable", contract, name)
                    .isInstanceOf(UnsupportedOperationException.class);

            args[i] = null;
            assertThatThrownBy(() -> construct(contract.type(), args)).as("%s with %s = null", contract, name)
                    .isInstanceOf(NullPointerException.class);
            args[i] = Arrays.asList(element, null);
            assertThatThrownBy(() -> construct(contract.type(), args)).as("%s with a null in %s", contract, name)
                    .isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void faultRequiresDomainAndDescriptionAndDefaultsResolution() {
        assertThatThrownBy(() -> new Fault(null, 1, "d", "r")).isInstanceOf(NullPointerException.class)
                .hasMessage("domain");
        assertThatThrownBy(() -> new Fault("storage", 1, null, "r")).isInstanceOf(NullPointerException.class)
                .hasMessage("description");

        Fault fault = new Fault("storage", 201, "no SCM modules", null);

        assertThat(fault.resolution()).isEmpty();
        assertThat(fault.describe()).isEqualTo("storage: code = 201 description = \"no SCM modules\"");
    }

    private static final ServerInterceptor PASS_THROUGH = new ServerInterceptor() {
        @Override
        public <ReqT, RespT> io.grpc.ServerCall.Listener<ReqT> interceptCall(io.grpc.ServerCall<ReqT, RespT> call,
                io.grpc.Metadata headers, io.grpc.ServerCallHandler<ReqT, RespT> next) {
            return next.startCall(call, headers);
        }
    };

    // --- sample values, derived from the component types so that a new record needs no extra code here

    private static Object[] sampleArguments(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> sample(c.getGenericType(), new HashSet<>()))
                .toArray();
    }

    private static Object sample(Type type, Set<Type> building) {
        if (type instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[0];
            if (p.getRawType() == List.class) {
                return new ArrayList<>(List.of(sample(argument, building)));
            }
            if (p.getRawType() == Optional.class) {
                return Optional.of(sample(argument, building));
            }
        } else if (type instanceof Class<?> c) {
            if (c == int.class || c == Integer.class) {
                return 7;
            }
            if (c == java.util.OptionalInt.class) {
                return java.util.OptionalInt.of(9);
            }
            if (c == long.class) {
                return 8L;
            }
            if (c == boolean.class) {
                return true;
            }
            if (c == String.class) {
                return "text";
            }
            if (c == java.nio.file.Path.class) {
                return java.nio.file.Path.of("/etc/daos/certs/x");
            }
            if (c.isEnum()) {
                return c.getEnumConstants()[c.getEnumConstants().length - 1];
            }
            if (c == ServerInterceptor.class) {
                return PASS_THROUGH;
            }
            if (c == javax.net.ssl.X509KeyManager.class || c == javax.net.ssl.X509TrustManager.class) {
                // identity is all the record keeps of them: a proxy that answers nothing will do
                return java.lang.reflect.Proxy.newProxyInstance(c.getClassLoader() == null
                                ? SpiRecordContractsTest.class.getClassLoader() : c.getClassLoader(),
                        new Class<?>[] {c}, (proxy, method, args) -> switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "toString" -> c.getSimpleName();
                            default -> null;
                        });
            }
            if (c.isRecord() && building.add(c)) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> record = (Class<? extends Record>) c;
                Object[] args = Arrays.stream(record.getRecordComponents())
                        .map(rc -> sample(rc.getGenericType(), building)).toArray();
                building.remove(c);
                try {
                    return construct(record, args);
                } catch (Exception e) {
                    throw new AssertionError("cannot build a sample " + c.getName(), e);
                }
            }
        }
        throw new AssertionError("no sample value for " + type.getTypeName()
                + ": teach SpiRecordContractsTest.sample how to make one");
    }

    private static Record construct(Class<? extends Record> type, Object[] args) throws Exception {
        Class<?>[] parameterTypes = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<? extends Record> canonical = type.getDeclaredConstructor(parameterTypes);
        try {
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static RecordComponent component(Contract contract, String name) {
        return contract.type().getRecordComponents()[index(contract, name)];
    }

    private static int index(Contract contract, String name) {
        List<String> names = Stream.of(contract.type().getRecordComponents()).map(RecordComponent::getName).toList();
        int i = names.indexOf(name);
        if (i < 0) {
            throw new AssertionError(contract + " has no component " + name + "; components: " + new TreeSet<>(names));
        }
        return i;
    }
}
