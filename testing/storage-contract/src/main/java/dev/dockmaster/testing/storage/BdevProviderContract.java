package dev.dockmaster.testing.storage;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.BdevFormatRequest;
import dev.dockmaster.spi.storage.BdevProvider;
import dev.dockmaster.spi.storage.BdevScanRequest;
import dev.dockmaster.spi.storage.BdevScanResult;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.DeviceResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link BdevProvider} must do: scan, format with one result per device in request order, re-format
 * skipped without force and done with it, and the ways a format fails (a bad device among good ones, a class the
 * provider does not handle, the OS refusing). A provider module extends this class in its tests.
 */
public abstract class BdevProviderContract {

    private final List<BdevProvider> created = new ArrayList<>();
    private BdevProvider provider;

    protected abstract BdevProvider newProvider();

    /** A format request for devices that are not formatted yet and that this host can format. */
    protected abstract BdevFormatRequest unformattedDevices();

    /** A device of the {@link #unformattedDevices()} class that cannot be formatted. */
    protected abstract String badDevice();

    /** A provider and request with which the operating system refuses to format the request's only device. */
    protected abstract Refusal notPermitted();

    /** Checks what a scan of every device found on this host. */
    protected abstract void checkScan(BdevScanResult result);

    /** A storage class no bdev provider handles. */
    protected String unsupportedClass() {
        return "malloc";
    }

    public record Refusal(BdevProvider provider, BdevFormatRequest request) {
        public Refusal {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(request, "request");
        }
    }

    @BeforeEach
    final void createProvider() {
        provider = track(newProvider());
    }

    @AfterEach
    final void closeProviders() {
        created.forEach(BdevProvider::close);
        created.clear();
    }

    protected final BdevProvider track(BdevProvider bdev) {
        created.add(bdev);
        return bdev;
    }

    @Test
    void scanAnswersWithTheHostsDevices() {
        BdevScanResult result = provider.scan(BdevScanRequest.all());

        assertThat(result).isNotNull();
        checkScan(result);
    }

    @Test
    void scanFilteredOnAnUnknownDeviceListsNothing() {
        BdevScanResult result = provider.scan(new BdevScanRequest(List.of("/dockmaster/no-such-device"), false));

        assertThat(result.controllers()).isEmpty();
    }

    @Test
    void formatIsDoneForEveryDeviceInRequestOrder() {
        BdevFormatRequest request = unformattedDevices();

        List<DeviceResult> results = provider.format(request);

        assertThat(results).containsExactlyElementsOf(request.devices().stream().map(DeviceResult::done).toList());
    }

    @Test
    void formatAgainWithoutForceIsSkippedAsAlreadyFormatted() {
        BdevFormatRequest request = unformattedDevices();
        provider.format(request);

        List<DeviceResult> again = provider.format(request);

        assertThat(again).extracting(DeviceResult::device).containsExactlyElementsOf(request.devices());
        assertThat(again).allSatisfy(result -> {
            assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.SKIPPED);
            assertThat(result.message()).contains("already formatted");
        });
    }

    @Test
    void formatAgainWithForceIsDone() {
        BdevFormatRequest request = unformattedDevices();
        provider.format(request);

        List<DeviceResult> forced = provider.format(force(request));

        assertThat(forced).containsExactlyElementsOf(request.devices().stream().map(DeviceResult::done).toList());
    }

    @Test
    void aBadDeviceFailsAloneAndTheOthersAreStillFormatted() {
        BdevFormatRequest good = unformattedDevices();
        List<String> devices = new ArrayList<>(good.devices());
        devices.add(0, badDevice());
        BdevFormatRequest mixed = new BdevFormatRequest(good.engineIndex(), good.tierIndex(), good.storageClass(),
                devices, good.sizeBytes(), false);

        List<DeviceResult> results = provider.format(mixed);

        assertThat(results).extracting(DeviceResult::device).containsExactlyElementsOf(devices);
        assertThat(results.get(0).outcome()).as("%s", results.get(0)).isEqualTo(Outcome.FAILED);
        assertThat(results.get(0).message()).isNotBlank();
        assertThat(results.subList(1, results.size())).extracting(DeviceResult::outcome).containsOnly(Outcome.DONE);
    }

    @Test
    void anUnsupportedClassIsABdevFaultNamingTheClass() {
        BdevFormatRequest good = unformattedDevices();
        BdevFormatRequest wrong = new BdevFormatRequest(good.engineIndex(), good.tierIndex(), unsupportedClass(),
                good.devices(), good.sizeBytes(), false);

        assertThatThrownBy(() -> provider.format(wrong)).isInstanceOfSatisfying(Fault.class, fault -> {
            assertThat(fault.domain()).isEqualTo("bdev");
            assertThat(fault.description()).contains("'" + unsupportedClass() + "'");
            assertThat(fault.resolution()).isNotBlank();
        });
        // Nothing was touched: the devices are still formattable.
        assertThat(provider.format(good)).extracting(DeviceResult::outcome).containsOnly(Outcome.DONE);
    }

    @Test
    void theOsRefusingIsAFailureThatSaysPermission() {
        Refusal refusal = notPermitted();
        BdevProvider refused = track(refusal.provider());
        assertThat(refusal.request().devices()).hasSize(1);

        Failure failure = Failure.of(() -> refused.format(refusal.request()).get(0));

        assertThat(failure.lowerCase()).containsPattern("permi(ssion|tted)");
        failure.fault().ifPresent(fault -> assertThat(fault.resolution()).isNotBlank());
    }

    protected static BdevFormatRequest force(BdevFormatRequest r) {
        return new BdevFormatRequest(r.engineIndex(), r.tierIndex(), r.storageClass(), r.devices(), r.sizeBytes(),
                true);
    }
}
