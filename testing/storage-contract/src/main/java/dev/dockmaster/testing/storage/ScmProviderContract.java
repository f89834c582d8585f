package dev.dockmaster.testing.storage;

import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.storage.DeviceResult;
import dev.dockmaster.spi.storage.DeviceResult.Outcome;
import dev.dockmaster.spi.storage.ScmFormatRequest;
import dev.dockmaster.spi.storage.ScmFormatState;
import dev.dockmaster.spi.storage.ScmProvider;
import dev.dockmaster.spi.storage.ScmScanRequest;
import dev.dockmaster.spi.storage.ScmScanResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ScmProvider} must do, whatever its hardware: a provider module extends this class in its tests
 * and answers the few questions below with requests that are valid (or invalid in the asked way) on the host the
 * tests run on. The suite then checks scan, format, re-format with and without force, the format state before and
 * after, and the three ways a format fails (a bad device, a class the provider does not handle, the OS refusing).
 *
 * <p>Providers the suite creates are closed after each test; a subclass that mounts or creates something real
 * cleans it up in its own {@code @AfterEach} (which JUnit runs before this class's).
 */
public abstract class ScmProviderContract {

    private final List<ScmProvider> created = new ArrayList<>();
    private ScmProvider provider;

    /** A new provider, as its factory would create it on this host. */
    protected abstract ScmProvider newProvider();

    /** A format request for a tier that is not formatted yet and that this host can format. */
    protected abstract ScmFormatRequest unformattedTier();

    /** A format request of a class the provider handles whose device or mount point cannot be formatted. */
    protected abstract ScmFormatRequest badDevice();

    /** A provider and request with which the operating system refuses the format (the server lacks a privilege). */
    protected abstract Refusal notPermitted();

    /** Checks what a scan of every device found on this host. */
    protected abstract void checkScan(ScmScanResult result);

    /** A storage class no SCM provider handles. */
    protected String unsupportedClass() {
        return "nvme";
    }

    /** A request with which the OS refuses the operation, and the provider to send it to. */
    public record Refusal(ScmProvider provider, ScmFormatRequest request) {
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
        created.forEach(ScmProvider::close);
        created.clear();
    }

    /** Registers a provider made by a subclass so the suite closes it. */
    protected final ScmProvider track(ScmProvider scm) {
        created.add(scm);
        return scm;
    }

    @Test
    void scanAnswersWithTheHostsDevices() {
        ScmScanResult result = provider.scan(ScmScanRequest.all());

        assertThat(result).isNotNull();
        checkScan(result);
    }

    @Test
    void scanFilteredOnAnUnknownDeviceListsNoNamespace() {
        ScmScanResult result = provider.scan(new ScmScanRequest(List.of("/dev/dockmaster-no-such-pmem")));

        assertThat(result.namespaces()).isEmpty();
    }

    @Test
    void anUnformattedTierSaysSo() {
        ScmFormatState state = provider.formatState(unformattedTier());

        assertThat(state.formatted()).as("formatted before format: %s", state).isFalse();
        assertThat(state.mounted()).as("mounted before format: %s", state).isFalse();
    }

    @Test
    void formatIsDoneAndTheTierIsFormattedAfterwards() {
        ScmFormatRequest tier = unformattedTier();

        DeviceResult result = provider.format(tier);

        assertThat(result).isEqualTo(DeviceResult.done(tier.mountPoint()));
        assertThat(provider.formatState(tier).formatted()).isTrue();
    }

    @Test
    void formatAgainWithoutForceIsSkippedAsAlreadyFormatted() {
        ScmFormatRequest tier = unformattedTier();
        assertThat(provider.format(tier).outcome()).isEqualTo(Outcome.DONE);

        DeviceResult again = provider.format(tier);

        assertThat(again.outcome()).as("%s", again).isEqualTo(Outcome.SKIPPED);
        assertThat(again.device()).isEqualTo(tier.mountPoint());
        assertThat(again.message()).contains("already formatted");
        assertThat(provider.formatState(tier).formatted()).isTrue();
    }

    @Test
    void formatAgainWithForceIsDone() {
        ScmFormatRequest tier = unformattedTier();
        assertThat(provider.format(tier).outcome()).isEqualTo(Outcome.DONE);

        DeviceResult forced = provider.format(force(tier));

        assertThat(forced).isEqualTo(DeviceResult.done(tier.mountPoint()));
        assertThat(provider.formatState(tier).formatted()).isTrue();
    }

    @Test
    void anUnsupportedClassIsAScmFaultNamingTheClass() {
        ScmFormatRequest tier = unformattedTier();
        ScmFormatRequest wrong = new ScmFormatRequest(tier.engineIndex(), unsupportedClass(), tier.mountPoint(),
                tier.devices(), tier.sizeBytes(), false);

        assertThatThrownBy(() -> provider.format(wrong)).isInstanceOfSatisfying(Fault.class, fault -> {
            assertThat(fault.domain()).isEqualTo("scm");
            assertThat(fault.description()).contains("'" + unsupportedClass() + "'");
            assertThat(fault.resolution()).isNotBlank();
        });
        assertThat(provider.formatState(tier).formatted()).isFalse();
    }

    @Test
    void aBadDeviceFailsAndLeavesNothingFormatted() {
        ScmFormatRequest bad = badDevice();

        Failure failure = Failure.of(() -> provider.format(bad));

        assertThat(failure.text()).isNotBlank();
        failure.fault().ifPresent(fault -> assertThat(fault.resolution()).isNotBlank());
        assertThat(provider.formatState(bad).formatted()).isFalse();
    }

    @Test
    void theOsRefusingIsAFailureThatSaysPermission() {
        Refusal refusal = notPermitted();
        ScmProvider refused = track(refusal.provider());

        Failure failure = Failure.of(() -> refused.format(refusal.request()));

        assertThat(failure.lowerCase()).containsPattern("permi(ssion|tted)");
        failure.fault().ifPresent(fault -> assertThat(fault.resolution()).isNotBlank());
        assertThat(refused.formatState(refusal.request()).formatted()).isFalse();
    }

    protected static ScmFormatRequest force(ScmFormatRequest r) {
        return new ScmFormatRequest(r.engineIndex(), r.storageClass(), r.mountPoint(), r.devices(), r.sizeBytes(),
                true);
    }
}
