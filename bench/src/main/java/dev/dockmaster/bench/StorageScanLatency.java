package dev.dockmaster.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.dockmaster.core.config.TypesafeConfigView;
import dev.dockmaster.plugins.control.LocalHostFacts;
import dev.dockmaster.plugins.control.MemInfoReader;
import dev.dockmaster.plugins.control.StorageScanner;
import dev.dockmaster.plugins.storage.file.FileBdevProviderFactory;
import dev.dockmaster.plugins.storage.ipmctl.IpmctlScmProviderFactory;
import dev.dockmaster.plugins.storage.mock.MockBdevProviderFactory;
import dev.dockmaster.plugins.storage.mock.MockScmProviderFactory;
import dev.dockmaster.plugins.storage.nvme.NvmeBdevProviderFactory;
import dev.dockmaster.proto.ctl.StorageScanResp;
import dev.dockmaster.spi.config.ConfigView;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.ProviderContext;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.StorageProviders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * StorageScan latency in-process: the control module's {@link StorageScanner} (what CtlSvc.StorageScan runs, proto
 * mapping and /proc/meminfo included) over real providers, without gRPC and without forking anything, against the
 * figure DAOS 2.6.5's Go daos_server gets server side for the same scan (81 ms median on this kind of machine; it
 * forks its privileged helper, which runs ipmctl twice, on every call). Target: 10x faster.
 *
 * <p>Cases: the mock providers; the file provider (two named 1 GiB sparse files); the sysfs NVMe scan of this host;
 * libipmctl discovery of this host; and a whole scan over all of them, as a server shipping every plugin answers.
 */
public final class StorageScanLatency {

    /** DAOS 2.6.5 daos_server, StorageScan median server side (see /work/shared/stack.md). */
    public static final double DAOS_MEDIAN_MS = 81.0;

    /** One measured case: its name and its latencies in nanoseconds. */
    public record Result(String name, long[] nanos) {
        public double medianMs() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2] / 1e6;
        }

        public double p99Ms() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
        }
    }

    private final Path dir;
    private final List<AutoCloseable> providers = new ArrayList<>();
    private final Config reference = ConfigFactory.defaultReference();

    public StorageScanLatency(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("dockmaster-scan-bench");
        try (AutoCloseable cleanup = () -> deleteTree(dir)) {
            StorageScanLatency bench = new StorageScanLatency(dir);
            List<Result> results = bench.run(iterations);
            System.out.printf(Locale.ROOT, "%nStorageScan in-process latency (%d iterations after %d warm-up, "
                    + "1 thread, no gRPC, no fork)%n", iterations, iterations);
            System.out.printf(Locale.ROOT, "  %-58s %10s %10s %12s%n", "case", "median ms", "p99 ms",
                    "vs DAOS 81ms");
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "  %-58s %10.4f %10.4f %11.0fx%n", r.name(), r.medianMs(),
                        r.p99Ms(), DAOS_MEDIAN_MS / r.medianMs());
            }
            System.out.printf(Locale.ROOT, "  target: >= 10x faster than DAOS (median <= %.1f ms)%n",
                    DAOS_MEDIAN_MS / 10);
            bench.close();
        }
    }

    public List<Result> run(int iterations) throws Exception {
        ScmProvider mockScm = track(new MockScmProviderFactory().create(context("storage-mock")));
        BdevProvider mockBdev = track(new MockBdevProviderFactory().create(context("storage-mock")));
        BdevProvider file = track(new FileBdevProviderFactory().create(context("storage-file")));
        BdevProvider nvme = track(new NvmeBdevProviderFactory().create(context("storage-nvme")));
        ScmProvider ipmctl = track(new IpmctlScmProviderFactory().create(context("storage-ipmctl")));

        List<String> files = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path backing = dir.resolve("bdev" + i);
            try (var raf = new java.io.RandomAccessFile(backing.toFile(), "rw")) {
                raf.setLength(1L << 30);
            }
            files.add(backing.toString());
        }
        BdevScanRequest namedFiles = new BdevScanRequest(files, false);
        MemInfoReader memInfo = new MemInfoReader(LocalHostFacts.thisHost());

        List<Result> results = new ArrayList<>();
        results.add(measure("StorageScan, mock providers", iterations,
                scanner(List.of(mockScm), List.of(mockBdev), memInfo)));
        results.add(measure("bdev scan, file provider (2 named files)", iterations, () -> file.scan(namedFiles)));
        results.add(measure("bdev scan, nvme provider (sysfs of this host)", iterations,
                () -> nvme.scan(BdevScanRequest.all())));
        results.add(measure("SCM scan, ipmctl provider (libipmctl of this host)", iterations,
                () -> ipmctl.scan(dev.dockmaster.spi.storage.ScmScanRequest.all())));
        results.add(measure("StorageScan, mock + file + nvme(sysfs) + ipmctl", iterations,
                scanner(List.of(mockScm, ipmctl), List.of(mockBdev, file, nvme), memInfo)));
        return results;
    }

    private static Supplier<StorageScanResp> scanner(List<ScmProvider> scm, List<BdevProvider> bdev,
                                                      MemInfoReader memInfo) {
        StorageScanner scanner = new StorageScanner(new StorageProviders() {
            @Override
            public List<ScmProvider> scm() {
                return scm;
            }

            @Override
            public List<BdevProvider> bdev() {
                return bdev;
            }
        }, memInfo);
        return () -> {
            StorageScanResp response = scanner.scan(StorageScanStack.REQUEST);
            if (!response.getScm().getState().getError().isEmpty()
                    || !response.getNvme().getState().getError().isEmpty()) {
                throw new IllegalStateException("a provider failed: " + response.getScm().getState() + " "
                        + response.getNvme().getState());
            }
            return response;
        };
    }

    private static Result measure(String name, int iterations, Supplier<?> scan) {
        Object sink = null;
        for (int i = 0; i < iterations; i++) {
            sink = scan.get();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            sink = scan.get();
            nanos[i] = System.nanoTime() - start;
        }
        if (sink == null) {
            throw new IllegalStateException(name + " answered nothing");
        }
        return new Result(name, nanos);
    }

    private <T extends AutoCloseable> T track(T provider) {
        providers.add(provider);
        return provider;
    }

    private ProviderContext context(String pluginId) {
        ConfigView view = new TypesafeConfigView(reference.getConfig("plugin." + pluginId), "plugin." + pluginId);
        return new ProviderContext() {
            @Override
            public String pluginId() {
                return pluginId;
            }

            @Override
            public ConfigView config() {
                return view;
            }
        };
    }

    public void close() throws Exception {
        for (AutoCloseable provider : providers) {
            provider.close();
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
