package dev.dockmaster.spi;

import dev.dockmaster.spi.drpc.DrpcHandler;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.ScmProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every change to the SPI is a reviewed change (after Trino's TestSpiBackwardCompatibility): the rendered surface
 * must equal {@code spi/src/test/resources/spi-surface.txt}. A removed or changed line breaks plugins built against
 * the old SPI; an added line is a new contract. Both fail until the file is rewritten with
 * {@code -Dspi.surface.update=true} and the diff is committed with the change.
 */
class SpiSurfaceTest {

    static final String UPDATE_PROPERTY = "spi.surface.update";
    private static final String HEADER = """
            # The public surface of dockmaster-spi, one line per type, member and module directive, sorted.
            # Checked by SpiSurfaceTest. Do not edit by hand: after an intended SPI change run
            #   mvn -B -o -pl spi verify -Dspi.surface.update=true
            # and commit this file with the change, so that the review shows what plugins will see.
            """;

    @Test
    void surfaceMatchesTheCommittedSnapshot() throws IOException {
        Path snapshot = snapshotFile();
        List<String> actual = SpiSurface.render();

        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(snapshot, HEADER + String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
            System.out.println("Rewrote " + snapshot + " (" + actual.size() + " lines); review it with git diff.");
            return;
        }
        assertThat(snapshot).as("SPI surface snapshot; create it with -D%s=true", UPDATE_PROPERTY).exists();
        List<String> expected = read(snapshot);

        String difference = difference(expected, actual);
        if (!difference.isEmpty()) {
            fail(difference);
        }
    }

    /** The report a developer sees; empty when nothing changed. */
    static String difference(List<String> expected, List<String> actual) {
        TreeSet<String> removed = new TreeSet<>(expected);
        removed.removeAll(actual);
        TreeSet<String> added = new TreeSet<>(actual);
        added.removeAll(expected);
        if (removed.isEmpty() && added.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("The SPI surface changed.\n");
        if (!removed.isEmpty()) {
            s.append("Removed or changed (breaks plugins compiled against the previous SPI):\n");
            removed.forEach(l -> s.append("  - ").append(l).append('\n'));
        }
        if (!added.isEmpty()) {
            s.append("Added (new contract for every plugin and for the core):\n");
            added.forEach(l -> s.append("  + ").append(l).append('\n'));
        }
        s.append("If this change is intended, accept it with\n  mvn -B -o -pl spi verify -D").append(UPDATE_PROPERTY)
                .append("=true\nand commit spi/src/test/resources/spi-surface.txt together with the change.");
        return s.toString();
    }

    @Test
    void differenceNamesRemovedAndAddedLinesAndHowToAccept() {
        List<String> before = List.of("a | method public int size()", "a | type public interface a");
        List<String> after = List.of("a | method public long size()", "a | type public interface a");

        String report = difference(before, after);

        assertThat(report).contains("  - a | method public int size()", "  + a | method public long size()",
                "-Dspi.surface.update=true").doesNotContain("a | type");
        assertThat(difference(before, before)).isEmpty();
    }

    @Test
    void rendersGenericSignaturesDefaultMethodsRecordComponentsAndEnumConstants() {
        assertThat(SpiSurface.render(DeviceResult.class)).contains(
                "dev.dockmaster.spi.storage.DeviceResult | type public final record dev.dockmaster.spi.storage"
                        + ".DeviceResult",
                "dev.dockmaster.spi.storage.DeviceResult | record-component dev.dockmaster.spi.storage.DeviceResult"
                        + "$Outcome outcome",
                "dev.dockmaster.spi.storage.DeviceResult | method public static dev.dockmaster.spi.storage"
                        + ".DeviceResult done(java.lang.String)");
        assertThat(SpiSurface.render(DeviceResult.Outcome.class))
                .contains("dev.dockmaster.spi.storage.DeviceResult$Outcome | enum-constant SKIPPED");
        assertThat(SpiSurface.render(ScmProvider.class)).contains(
                "dev.dockmaster.spi.storage.ScmProvider | method public default void close()",
                "dev.dockmaster.spi.storage.ScmProvider | method public abstract java.util.Set<java.lang.String>"
                        + " storageClasses()");
        assertThat(SpiSurface.render(DrpcHandler.class)).contains(
                "dev.dockmaster.spi.drpc.DrpcHandler | type @java.lang.FunctionalInterface public interface"
                        + " dev.dockmaster.spi.drpc.DrpcHandler");
    }

    @Test
    void rendersTypeParametersAndTheirBounds() {
        assertThat(SpiSurface.render(Generic.class)).contains(
                Generic.class.getName() + " | type public abstract static class " + Generic.class.getName()
                        + "<T extends java.lang.Comparable<T>> implements java.util.function.Supplier<T>",
                Generic.class.getName() + " | method public <R extends java.lang.Number & java.lang.Runnable> "
                        + "java.util.List<R> convert(java.util.List<? super T>, java.lang.String...) throws "
                        + "java.io.IOException",
                Generic.class.getName() + " | field protected final java.util.List<T> items",
                Generic.class.getName() + " | constructor protected <init>()");
        assertThat(SpiSurface.render(Generic.class)).noneMatch(l -> l.contains("hidden"));
    }

    @Test
    void findsEveryPublicTypeOfEveryPackage() {
        assertThat(SpiSurface.publicTypes()).contains(Fault.class, DockmasterPlugin.class, DeviceResult.Outcome.class,
                dev.dockmaster.spi.grpc.ServerInfo.class, dev.dockmaster.spi.config.ConfigView.class,
                dev.dockmaster.spi.drpc.DrpcTransport.class);
        assertThat(SpiSurface.render()).contains("module dev.dockmaster.spi exports dev.dockmaster.spi.storage",
                "module dev.dockmaster.spi requires transitive io.grpc");
    }

    /** A fixture with the shapes the SPI does not (yet) have. */
    public abstract static class Generic<T extends Comparable<T>> implements Supplier<T> {
        protected final List<T> items = new ArrayList<>();
        int hidden;

        protected Generic() {
        }

        public <R extends Number & Runnable> List<R> convert(List<? super T> in, String... names) throws IOException {
            return List.of();
        }

        void hiddenMethod() {
        }
    }

    private static Path snapshotFile() {
        // Surefire runs in the module directory and sets basedir; the snapshot lives in the sources, not in target/.
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return base.resolve("src/test/resources/spi-surface.txt");
    }

    private static List<String> read(Path snapshot) throws IOException {
        return Files.readAllLines(snapshot, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }
}
