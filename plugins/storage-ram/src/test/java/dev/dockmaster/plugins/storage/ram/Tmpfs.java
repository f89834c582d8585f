package dev.dockmaster.plugins.storage.ram;

import dev.dockmaster.storage.os.MountEntry;
import dev.dockmaster.storage.os.Command;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helper: what is mounted under a directory, and unmounting all of it. */
final class Tmpfs {

    private Tmpfs() {
    }

    static List<MountEntry> mountsUnder(Path dir) {
        String prefix = dir.toString();
        return HostFacts.LOCAL.mounts().stream()
                .filter(m -> m.target().equals(prefix) || m.target().startsWith(prefix + "/"))
                .toList();
    }

    /** Unmounts everything under {@code dir}, newest first, and checks nothing is left. */
    static void unmountAllUnder(Path dir) {
        List<MountEntry> mounts = mountsUnder(dir);
        for (int i = mounts.size() - 1; i >= 0; i--) {
            new Command(List.of()).run("umount", mounts.get(i).target());
        }
        assertThat(mountsUnder(dir)).as("mounts left under %s", dir).isEmpty();
    }
}
