package dev.dockmaster.plugins.storage.ram;

import dev.dockmaster.storage.os.MountEntry;
import dev.dockmaster.storage.os.Command;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.DeviceResult.Outcome;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ram provider's own rules, beyond the contract: real mounts where it matters, scripted host facts elsewhere. */
class RamScmProviderTest {

    @TempDir
    Path dir;

    @AfterEach
    void unmount() {
        Tmpfs.unmountAllUnder(dir);
    }

    /** Real answers except the ones a test replaces. */
    record Host(int effectiveUid, long memAvailableBytes) implements HostFacts {
        @Override
        public List<MountEntry> mounts() {
            return HostFacts.LOCAL.mounts();
        }
    }

    private ScmFormatRequest tier(long size, boolean force) {
        return new ScmFormatRequest(0, "ram", dir.resolve("daos0").toString(), List.of(), size, force);
    }

    @Test
    void theTmpfsHasTheRequestedSizeAndOptions() throws Exception {
        RamScmProvider ram = new RamScmProvider(new TmpfsOptions("never", "0750"), HostFacts.LOCAL, List.of());

        assertThat(ram.format(tier(32L << 20, false)).outcome()).isEqualTo(Outcome.DONE);

        MountEntry mount = Tmpfs.mountsUnder(dir).get(0);
        assertThat(mount.fsType()).isEqualTo("tmpfs");
        assertThat(mount.options()).contains("size=32768k", "mode=750", "noatime");
        assertThat(Files.getFileStore(dir.resolve("daos0")).getTotalSpace()).isEqualTo(32L << 20);
    }

    @Test
    void aForcedFormatMountsAFreshEmptyTmpfs() throws Exception {
        RamScmProvider ram = new RamScmProvider(RamScmContractTest.OPTIONS, HostFacts.LOCAL, List.of());
        ram.format(tier(16L << 20, false));
        Files.writeString(dir.resolve("daos0/superblock"), "old");

        DeviceResult forced = ram.format(tier(24L << 20, true));

        assertThat(forced.outcome()).isEqualTo(Outcome.DONE);
        assertThat(dir.resolve("daos0/superblock")).doesNotExist();
        assertThat(Tmpfs.mountsUnder(dir)).singleElement()
                .satisfies(m -> assertThat(m.options()).contains("size=24576k"));
    }

    @Test
    void notRootIsAFaultWithTheFix() {
        RamScmProvider ram = new RamScmProvider(RamScmContractTest.OPTIONS, new Host(1000, Long.MAX_VALUE),
                List.of());

        assertThatThrownBy(() -> ram.format(tier(16L << 20, false))).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.code()).isEqualTo(RamScmProvider.SCM_PATH_ACCESS_DENIED);
            assertThat(f.description()).contains("not permitted", "uid 1000");
            assertThat(f.resolution()).contains("root");
        });
        assertThat(Tmpfs.mountsUnder(dir)).isEmpty();
    }

    @Test
    void aSizeOverMemAvailableIsAFault() {
        RamScmProvider ram = new RamScmProvider(RamScmContractTest.OPTIONS, new Host(0, 8L << 30), List.of());

        assertThatThrownBy(() -> ram.format(tier(16L << 30, false))).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.code()).isEqualTo(RamScmProvider.SCM_FORMAT_INVALID_SIZE);
            assertThat(f.description()).contains("16.00 GiB", "MemAvailable 8.00 GiB");
            assertThat(f.resolution()).contains("scm_size");
        });
        assertThat(Tmpfs.mountsUnder(dir)).isEmpty();
    }

    @Test
    void aZeroSizeIsAFault() {
        RamScmProvider ram = new RamScmProvider(RamScmContractTest.OPTIONS, HostFacts.LOCAL, List.of());

        assertThatThrownBy(() -> ram.format(tier(0, false)))
                .isInstanceOfSatisfying(Fault.class, f -> assertThat(f.code()).isEqualTo(201));
    }

    @Test
    void anotherFilesystemAtTheMountPointIsNotReplaced() {
        RamScmProvider ram = new RamScmProvider(RamScmContractTest.OPTIONS, HostFacts.LOCAL, List.of());
        Path target = dir.resolve("daos0");
        assertThat(new Command(List.of()).run("mkdir", "-p", target.toString()).ok()).isTrue();
        assertThat(new Command(List.of()).run("mount", "--bind", dir.toString(), target.toString()).ok()).isTrue();

        DeviceResult result = ram.format(tier(16L << 20, true));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).contains("cannot mount a tmpfs", "unmount it");
        assertThat(ram.formatState(tier(16L << 20, false)).mounted()).isTrue();
        assertThat(ram.formatState(tier(16L << 20, false)).formatted()).isFalse();
    }
}
