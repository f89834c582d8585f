package dev.dockmaster.core.engine;

import dev.dockmaster.core.TestingServers;
import dev.dockmaster.core.config.ServerConfig;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.engine.BdevFormatOutcome;
import dev.dockmaster.spi.engine.EngineFormatResult;
import dev.dockmaster.spi.engine.EngineState;
import dev.dockmaster.spi.engine.EngineView;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.DeviceResult.Outcome;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class LocalEngineHarnessTest {

    @TempDir
    Path dir;

    private record Providers(List<ScmProvider> scm, List<BdevProvider> bdev) implements StorageProviders {
    }

    private static final LocalEngineHarness.Identity HOST =
            new LocalEngineHarness.Identity("daos_server", "node1", "/rack0/node1", false);

    private Path mount(int engine) {
        return dir.resolve("mnt/daos" + engine);
    }

    /** One engine per tier list given, each with a ram SCM tier at mnt/daosN and the given bdev tiers. */
    private ServerConfig config(String... bdevTiers) {
        StringBuilder engines = new StringBuilder("provider = \"ofi+tcp\"\nengines = [\n");
        for (int i = 0; i < bdevTiers.length; i++) {
            engines.append("  { targets = 4, fabric_iface = lo, fabric_iface_port = ").append(31416 + 100 * i)
                    .append(", log_file = \"").append(dir.resolve("engine" + i + ".log")).append("\"\n")
                    .append("    storage = [ { class = ram, scm_mount = \"").append(mount(i))
                    .append("\", scm_size = 4 }");
            if (!bdevTiers[i].isEmpty()) {
                engines.append(", ").append(bdevTiers[i]);
            }
            engines.append(" ] }\n");
        }
        engines.append("]\n");
        return TestingServers.config(dir, dir, engines.toString());
    }

    private String fileTier(String... names) {
        StringBuilder list = new StringBuilder();
        for (String name : names) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(dir.resolve(name)).append('"');
        }
        return "{ class = file, bdev_list = [" + list + "], bdev_size = 1 }";
    }

    private static LocalEngineHarness harness(ServerConfig config, ScmProvider scm, BdevProvider... bdev) {
        return LocalEngineHarness.create(config, new Providers(List.of(scm), List.of(bdev)), HOST,
                p -> p instanceof ScmProvider s ? s.name() : ((BdevProvider) p).name());
    }

    // ---- provider selection ----

    @Test
    void twoProvidersClaimingAClassInUseStopTheStartNamingBoth() {
        ServerConfig config = config("");
        Providers providers = new Providers(List.of(new FakeScmProvider("ram", "ram"),
                new FakeScmProvider("mock", "dcpm", "ram")), List.of());

        assertThatThrownBy(() -> LocalEngineHarness.create(config, providers, HOST,
                p -> ((ScmProvider) p).name() + " (plugin x)"))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(EngineFaults.PROVIDER_CONFLICT);
                    assertThat(f.description()).contains("'ram'", "ram (plugin x)", "mock (plugin x)");
                    assertThat(f.resolution()).contains("plugins.disabled");
                });
    }

    @Test
    void aClassInUseWithoutProviderStopsTheStart() {
        ServerConfig config = config(fileTier("f0"));

        assertThatThrownBy(() -> harness(config, new FakeScmProvider("ram", "ram"),
                new FakeBdevProvider("nvme", "nvme")))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(EngineFaults.NO_PROVIDER);
                    assertThat(f.description()).contains("engine 0", "'file'");
                });
    }

    @Test
    void providersClaimingOnlyUnusedClassesDoNotConflict() {
        ServerConfig config = config(fileTier("f0"));
        FakeBdevProvider file = new FakeBdevProvider("file", "file", "kdev");

        LocalEngineHarness harness = harness(config, new FakeScmProvider("ram", "ram"), file,
                new FakeBdevProvider("nvme", "nvme"), new FakeBdevProvider("other-kdev", "kdev"));

        harness.format(false);
        assertThat(file.formatCalls()).hasSize(1);
    }

    @Test
    void noEnginesNeedNoProviders() {
        LocalEngineHarness harness = LocalEngineHarness.create(TestingServers.config(dir, dir, ""),
                new Providers(List.of(), List.of()), HOST, String::valueOf);

        assertThat(harness.engines()).isEmpty();
        assertThat(harness.format(false)).isEmpty();
    }

    // ---- AwaitFormat at start ----

    enum Found { NOTHING, PROVIDER_SAYS_FORMATTED, SUPERBLOCK, CORRUPT_SUPERBLOCK }

    static Stream<Arguments> startStates() {
        return Stream.of(
                Arguments.of(Found.NOTHING, EngineState.AWAIT_FORMAT),
                Arguments.of(Found.PROVIDER_SAYS_FORMATTED, EngineState.STOPPED),
                Arguments.of(Found.SUPERBLOCK, EngineState.STOPPED),
                Arguments.of(Found.CORRUPT_SUPERBLOCK, EngineState.AWAIT_FORMAT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startStates")
    void atStartAnEngineAwaitsFormatUnlessItsStorageIsFormatted(Found found, EngineState expected)
            throws IOException {
        ServerConfig config = config("");
        FakeScmProvider scm = new FakeScmProvider("ram", "ram");
        switch (found) {
            case PROVIDER_SAYS_FORMATTED -> scm.alreadyFormatted(mount(0).toString());
            case SUPERBLOCK -> new SuperblockFile(mount(0)).write(Superblock.create("daos_server", "/x"));
            case CORRUPT_SUPERBLOCK -> {
                Files.createDirectories(mount(0));
                Files.writeString(mount(0).resolve("superblock"), "version: [\n");
            }
            default -> {
            }
        }

        LocalEngineHarness harness = harness(config, scm);

        assertThat(harness.engines()).extracting(EngineView::state).containsExactly(expected);
        assertThat(harness.anyAwaitingFormat()).isEqualTo(expected == EngineState.AWAIT_FORMAT);
        assertThat(scm.formatCalls()).as("detection never formats").isEmpty();
    }

    // ---- format ----

    @Test
    void aFreshEngineIsFormattedScmThenBdevsThenConfigAndSuperblock() throws IOException {
        ServerConfig config = config(fileTier("f0", "f1"));
        FakeScmProvider scm = new FakeScmProvider("ram", "ram");
        FakeBdevProvider file = new FakeBdevProvider("file", "file");
        LocalEngineHarness harness = harness(config, scm, file);

        List<EngineFormatResult> results = harness.format(false);

        EngineFormatResult result = results.get(0);
        assertThat(result.scm()).isEqualTo(DeviceResult.done(mount(0).toString()));
        assertThat(result.bdevs()).extracting(b -> b.result().device(), b -> b.result().outcome()).containsExactly(
                tuple(dir.resolve("f0").toString(), Outcome.DONE), tuple(dir.resolve("f1").toString(), Outcome.DONE));
        assertThat(scm.formatCalls()).singleElement().satisfies(r -> {
            assertThat(r.force()).isFalse();
            assertThat(r.sizeBytes()).isEqualTo(4L << 30);
            assertThat(r.mountPoint()).isEqualTo(mount(0).toString());
        });
        assertThat(file.formatCalls()).singleElement().satisfies(r -> {
            assertThat(r.tierIndex()).isEqualTo(1);
            assertThat(r.sizeBytes()).isEqualTo(1L << 30);
        });
        assertThat(mount(0).resolve("daos_nvme.conf")).content().contains("bdev_aio_create",
                dir.resolve("f1").toString());
        Superblock sb = new SuperblockFile(mount(0)).read().orElseThrow();
        assertThat(sb.system()).isEqualTo("daos_server");
        assertThat(sb.hostFaultDomain()).isEqualTo("/rack0/node1");
        assertThat(harness.engines()).extracting(EngineView::state).containsExactly(EngineState.STOPPED);
    }

    @Test
    void aSecondFormatReportsAlreadyFormattedAndLeavesEverythingAlone() {
        ServerConfig config = config(fileTier("f0"));
        FakeScmProvider scm = new FakeScmProvider("ram", "ram");
        FakeBdevProvider file = new FakeBdevProvider("file", "file");
        LocalEngineHarness harness = harness(config, scm, file);
        harness.format(false);
        Superblock first = new SuperblockFile(mount(0)).read().orElseThrow();

        EngineFormatResult again = harness.format(false).get(0);

        assertThat(again.scm()).isEqualTo(DeviceResult.skipped(mount(0).toString(), "SCM is already formatted"));
        assertThat(again.bdevs()).extracting(BdevFormatOutcome::result).containsExactly(DeviceResult.skipped(
                "<nil>", "NVMe format skipped on instance 0, SCM was not formatted"));
        assertThat(again.failed()).isFalse();
        assertThat(scm.formatCalls()).hasSize(1);
        assertThat(file.formatCalls()).hasSize(1);
        assertThat(new SuperblockFile(mount(0)).read()).contains(first);
    }

    @Test
    void reformatFormatsAgainWithForceAndGivesTheEngineANewIdentity() {
        ServerConfig config = config(fileTier("f0"));
        FakeScmProvider scm = new FakeScmProvider("ram", "ram");
        FakeBdevProvider file = new FakeBdevProvider("file", "file");
        LocalEngineHarness harness = harness(config, scm, file);
        harness.format(false);
        Superblock first = new SuperblockFile(mount(0)).read().orElseThrow();

        EngineFormatResult again = harness.format(true).get(0);

        assertThat(again.scm().outcome()).isEqualTo(Outcome.DONE);
        assertThat(scm.formatCalls()).extracting(r -> r.force()).containsExactly(false, true);
        assertThat(file.formatCalls()).extracting(r -> r.force()).containsExactly(false, true);
        assertThat(new SuperblockFile(mount(0)).read().orElseThrow().uuid()).isNotEqualTo(first.uuid());
    }

    @Test
    void aFailedScmSkipsTheBdevsAndTheEngineKeepsWaiting() {
        ServerConfig config = config(fileTier("f0"));
        FakeScmProvider scm = new FakeScmProvider("ram", "ram")
                .onFormat(r -> DeviceResult.failed(r.mountPoint(), "mount: permission denied"));
        FakeBdevProvider file = new FakeBdevProvider("file", "file");
        LocalEngineHarness harness = harness(config, scm, file);

        EngineFormatResult result = harness.format(false).get(0);

        assertThat(result.failed()).isTrue();
        assertThat(result.scm().message()).isEqualTo("mount: permission denied");
        assertThat(result.bdevs()).extracting(b -> b.result().message())
                .containsExactly("NVMe format skipped on instance 0, SCM format failed");
        assertThat(file.formatCalls()).isEmpty();
        assertThat(mount(0).resolve("superblock")).doesNotExist();
        assertThat(harness.engines()).extracting(EngineView::state).containsExactly(EngineState.AWAIT_FORMAT);
        // modules see the configured target count (the management service sizes pools with it)
        assertThat(harness.engines()).extracting(EngineView::targets).containsExactly(4);
    }

    @Test
    void aProviderFaultOnScmIsThatEnginesFailureWithTheResolution() {
        ServerConfig config = config("");
        FakeScmProvider scm = new FakeScmProvider("ram", "ram").onFormat(r -> {
            throw new Fault("scm", 201, "tmpfs does not fit in memory", "lower scm_size");
        });

        EngineFormatResult result = harness(config, scm).format(false).get(0);

        assertThat(result.scm().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.scm().message()).contains("code = 201", "lower scm_size");
    }

    @Test
    void eachBdevDeviceReportsItsOwnOutcomeAndAFailureWithholdsConfigAndSuperblock() {
        ServerConfig config = config(fileTier("f0", "f1", "f2"));
        String f1 = dir.resolve("f1").toString();
        String f2 = dir.resolve("f2").toString();
        FakeBdevProvider file = new FakeBdevProvider("file", "file").onFormat(r -> List.of(
                DeviceResult.done(r.devices().get(0)), DeviceResult.failed(f1, "No space left on device")));
        LocalEngineHarness harness = harness(config, new FakeScmProvider("ram", "ram"), file);

        EngineFormatResult result = harness.format(false).get(0);

        assertThat(result.bdevs()).extracting(b -> b.result().device(), b -> b.result().outcome())
                .containsExactly(tuple(dir.resolve("f0").toString(), Outcome.DONE), tuple(f1, Outcome.FAILED),
                        tuple(f2, Outcome.FAILED));
        assertThat(result.bdevs().get(2).result().message()).contains("no result for this device");
        assertThat(mount(0).resolve("daos_nvme.conf")).doesNotExist();
        assertThat(mount(0).resolve("superblock")).doesNotExist();
        assertThat(harness.engines()).extracting(EngineView::state).containsExactly(EngineState.AWAIT_FORMAT);
    }

    @Test
    void aBdevProviderFaultFailsEveryDeviceOfTheTier() {
        ServerConfig config = config(fileTier("f0", "f1"));
        FakeBdevProvider file = new FakeBdevProvider("file", "file").onFormat(r -> {
            throw new Fault("bdev", 300, "cannot open", "check permissions");
        });

        EngineFormatResult result = harness(config, new FakeScmProvider("ram", "ram"), file).format(false).get(0);

        assertThat(result.bdevs()).hasSize(2).allSatisfy(b -> {
            assertThat(b.result().outcome()).isEqualTo(Outcome.FAILED);
            assertThat(b.result().message()).contains("code = 300");
        });
    }

    @Test
    void aCorruptSuperblockIsAFailureAndIsNeverReplacedWithoutReformat() throws IOException {
        ServerConfig config = config("");
        Files.createDirectories(mount(0));
        Path superblock = Files.writeString(mount(0).resolve("superblock"), "uuid: not-a-uuid\nversion: 1\n");
        FakeScmProvider scm = new FakeScmProvider("ram", "ram").alreadyFormatted(mount(0).toString());
        LocalEngineHarness harness = harness(config, scm);

        EngineFormatResult result = harness.format(false).get(0);

        assertThat(result.failed()).isTrue();
        assertThat(result.scm().message()).contains("code = " + EngineFaults.SUPERBLOCK_CORRUPT, "not a UUID");
        assertThat(superblock).hasContent("uuid: not-a-uuid\nversion: 1\n");
        assertThat(harness.format(true).get(0).failed()).as("reformat replaces it").isFalse();
        assertThat(new SuperblockFile(mount(0)).read()).isPresent();
    }

    @Test
    void enginesAreFormattedInParallel() {
        ServerConfig config = config("", "");
        CountDownLatch bothStarted = new CountDownLatch(2);
        FakeScmProvider scm = new FakeScmProvider("ram", "ram").onFormat(r -> {
            bothStarted.countDown();
            try {
                // Sequential formatting would leave the count at 1 here and time out.
                return bothStarted.await(10, TimeUnit.SECONDS) ? DeviceResult.done(r.mountPoint())
                        : DeviceResult.failed(r.mountPoint(), "engines were formatted one after the other");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DeviceResult.failed(r.mountPoint(), "interrupted");
            }
        });

        List<EngineFormatResult> results = harness(config, scm).format(false);

        assertThat(results).extracting(EngineFormatResult::engineIndex).containsExactly(0, 1);
        assertThat(results).noneMatch(EngineFormatResult::failed);
    }

    @Test
    void aSecondFormatWhileOneRunsIsRefused() throws Exception {
        ServerConfig config = config("");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeScmProvider scm = new FakeScmProvider("ram", "ram").onFormat(r -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeviceResult.done(r.mountPoint());
        });
        LocalEngineHarness harness = harness(config, scm);

        CompletableFuture<List<EngineFormatResult>> first = CompletableFuture.supplyAsync(() -> harness.format(false));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> harness.format(false)).isInstanceOfSatisfying(Fault.class,
                    f -> assertThat(f.code()).isEqualTo(EngineFaults.FORMAT_IN_PROGRESS));
        } finally {
            release.countDown();
        }
        assertThat(first.get(10, TimeUnit.SECONDS)).noneMatch(EngineFormatResult::failed);
    }
}
