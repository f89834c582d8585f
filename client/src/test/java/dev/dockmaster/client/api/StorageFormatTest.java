package dev.dockmaster.client.api;

import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.hostlist.HostSet;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.client.response.HostErrors.HostErrorGroup;
import dev.dockmaster.client.testing.ScriptedInvoker;
import dev.dockmaster.proto.ctl.NvmeControllerResult;
import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.ScmMountResult;
import dev.dockmaster.proto.ctl.StorageFormatReq;
import dev.dockmaster.proto.ctl.StorageFormatResp;
import dev.dockmaster.spi.Fault;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageFormatTest {

    private static final RuntimeException UNIMPLEMENTED = new RuntimeException(
            "rpc error: code = Unimplemented desc = unknown service mgmt.MgmtSvc",
            Status.UNIMPLEMENTED.asRuntimeException());

    private static ResponseState ok(String info) {
        return ResponseState.newBuilder().setInfo(info).build();
    }

    private static StorageFormatResp formatted(String... pciAddresses) {
        StorageFormatResp.Builder b = StorageFormatResp.newBuilder()
                .addMrets(ScmMountResult.newBuilder().setMntpoint("/mnt/daos0").setState(ok("")));
        for (String pci : pciAddresses) {
            b.addCrets(NvmeControllerResult.newBuilder().setPciAddr(pci).setState(ok("")));
        }
        return b.build();
    }

    @Test
    void withNoSystemRunningEveryHostFormatsAndFailedDevicesAreHostErrors() {
        StorageFormatResp badDevice = formatted("0000:81:00.0").toBuilder()
                .addCrets(NvmeControllerResult.newBuilder().setPciAddr("0000:82:00.0").setState(ResponseState
                        .newBuilder().setStatus(ResponseStatus.CTL_ERR_NVME).setError("wipe failed"))).build();
        ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults())
                .fail("host[1-3]", "SystemQuery", UNIMPLEMENTED)
                .respond("host[1-2]", formatted("0000:81:00.0"))
                .respond("host3", badDevice);

        StorageFormatResponse resp = Control.storageFormat(invoker,
                StorageFormatRequest.of(HostSet.parse("host[1-3]"), true));

        assertThat(invoker.requests()).extracting(UnaryRequest::name).containsExactly("SystemQuery", "StorageFormat");
        assertThat(((StorageFormatReq) invoker.requests().get(1).message()).getReformat()).isTrue();
        assertThat(resp.hostFormats()).singleElement().satisfies(g -> {
            assertThat(g.hosts().toRangedString()).isEqualTo("host[1-3]:10001");
            assertThat(g.value().scmMounts()).containsExactly(new HostFormat.Mount("/mnt/daos0", "CTL_SUCCESS"));
            assertThat(g.value().nvmeDevices()).extracting(HostFormat.Device::pciAddress)
                    .containsExactly("0000:81:00.0");
        });
        assertThat(resp.errors().groups()).extracting(HostErrorGroup::error, g -> g.hosts().toRangedString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("wipe failed", "host3:10001"));
    }

    @Test
    void anAnsweringManagementServiceRefusesTheFormatWithFault509EvenWithForce() {
        ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults())
                .respond("host1", new byte[0])
                .fail("host2", "SystemQuery", UNIMPLEMENTED)
                .respond("host[1-2]", formatted());

        assertThatThrownBy(() -> Control.storageFormat(invoker,
                StorageFormatRequest.of(HostSet.parse("host[1-2]"), true)))
                .isInstanceOfSatisfying(Fault.class, f -> {
                    assertThat(f.code()).isEqualTo(509);
                    assertThat(f.description()).isEqualTo("storage format invoked on a running system");
                });
        assertThat(invoker.requests()).extracting(UnaryRequest::name).containsExactly("SystemQuery");
    }

    static Stream<Arguments> probeErrors() {
        return Stream.of(
                Arguments.of("unimplemented", UNIMPLEMENTED, true),
                Arguments.of("connection refused", ClientFaults.refused("host1:10001"), true),
                Arguments.of("unavailable", new RuntimeException("x", Status.UNAVAILABLE.asRuntimeException()), true),
                // an access point before its first format: the MS exists but has no raft yet
                Arguments.of("system uninitialized", new RuntimeException(
                        "rpc error: code = Unknown desc = system is uninitialized (storage format required?)",
                        Status.UNKNOWN.withDescription("system is uninitialized (storage format required?)")
                                .asRuntimeException()), true),
                Arguments.of("raft unavailable", new RuntimeException(
                        "rpc error: code = Unknown desc = raft service unavailable (not started yet?)",
                        Status.UNKNOWN.asRuntimeException()), true),
                Arguments.of("not leader", new dev.dockmaster.client.invoke.NotLeaderException("h2:10001",
                        java.util.List.of("h2:10001")), true),
                Arguments.of("not replica", new dev.dockmaster.client.invoke.NotReplicaException(
                        java.util.List.of("h2:10001")), true),
                Arguments.of("other server error", new RuntimeException(
                        "rpc error: code = Unknown desc = something broke", Status.UNKNOWN.asRuntimeException()),
                        false),
                Arguments.of("permission denied", new RuntimeException("rpc error: code = PermissionDenied",
                        Status.PERMISSION_DENIED.asRuntimeException()), false),
                Arguments.of("other fault", new Fault("security", 900, "bad cert", ""), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probeErrors")
    void onlyNoSystemErrorsLetTheFormatGoOn(String name, RuntimeException error, boolean proceeds) {
        ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults())
                .fail("host1", "SystemQuery", error)
                .respond("host1", formatted());

        if (proceeds) {
            assertThat(Control.storageFormat(invoker, StorageFormatRequest.of(HostSet.parse("host1"), false))
                    .errors().isEmpty()).isTrue();
        } else {
            assertThatThrownBy(() -> Control.storageFormat(invoker,
                    StorageFormatRequest.of(HostSet.parse("host1"), false))).isSameAs(error);
        }
    }

    @Test
    void notesOfSkippedWorkAreSuccessesWithTheirInfo() {
        StorageFormatResp again = StorageFormatResp.newBuilder()
                .addMrets(ScmMountResult.newBuilder().setMntpoint("/mnt/daos0").setState(ok("SCM is already formatted")))
                .addCrets(NvmeControllerResult.newBuilder().setPciAddr("<nil>")
                        .setState(ok("NVMe format skipped on instance 0, SCM was not formatted")))
                .build();
        ScriptedInvoker invoker = new ScriptedInvoker(ControlConfig.defaults())
                .fail("host1", "SystemQuery", UNIMPLEMENTED).respond("host1", again);

        StorageFormatResponse resp = Control.storageFormat(invoker, StorageFormatRequest.of(HostSet.parse("host1"),
                false));

        assertThat(resp.errors().isEmpty()).isTrue();
        HostFormat host = resp.hostFormats().get(0).value();
        assertThat(host.scmMounts()).extracting(HostFormat.Mount::info).containsExactly("SCM is already formatted");
        assertThat(host.nvmeDevices()).extracting(HostFormat.Device::pciAddress).containsExactly("<nil>");
    }
}
