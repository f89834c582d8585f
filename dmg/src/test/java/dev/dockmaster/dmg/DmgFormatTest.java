package dev.dockmaster.dmg;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.proto.ctl.NvmeController;
import dev.dockmaster.proto.ctl.NvmeControllerResult;
import dev.dockmaster.proto.ctl.ResponseState;
import dev.dockmaster.proto.ctl.ResponseStatus;
import dev.dockmaster.proto.ctl.ScanNvmeResp;
import dev.dockmaster.proto.ctl.ScanScmResp;
import dev.dockmaster.proto.ctl.ScmMountResult;
import dev.dockmaster.proto.ctl.ScmNamespace;
import dev.dockmaster.proto.ctl.StorageFormatReq;
import dev.dockmaster.proto.ctl.StorageFormatResp;
import dev.dockmaster.proto.ctl.StorageScanReq;
import dev.dockmaster.proto.ctl.StorageScanResp;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static dev.dockmaster.dmg.DmgGoldenTest.golden;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code dmg storage format} and {@code dmg storage query usage}: goldens, flags, JSON and exit codes. */
class DmgFormatTest {

    private static final RuntimeException NO_MS = new RuntimeException(
            "rpc error: code = Unimplemented desc = unknown service mgmt.MgmtSvc",
            Status.UNIMPLEMENTED.asRuntimeException());

    private static ResponseState ok(String info) {
        return ResponseState.newBuilder().setInfo(info).build();
    }

    private static NvmeControllerResult cret(String pci, ResponseState state, int roles) {
        return NvmeControllerResult.newBuilder().setPciAddr(pci).setState(state).setRoleBits(roles).build();
    }

    static StorageFormatResp fresh() {
        return StorageFormatResp.newBuilder()
                .addMrets(ScmMountResult.newBuilder().setMntpoint("/mnt/daos0").setState(ok("")))
                .addMrets(ScmMountResult.newBuilder().setMntpoint("/mnt/daos1").setInstanceidx(1).setState(ok("")))
                .addCrets(cret("0000:d8:00.0", ok(""), 0))
                .addCrets(cret("0000:5e:00.0", ok(""), 0))
                .build();
    }

    static StorageFormatResp again() {
        return StorageFormatResp.newBuilder()
                .addMrets(ScmMountResult.newBuilder().setMntpoint("/mnt/daos0").setState(ok("SCM is already formatted")))
                .addCrets(cret("<nil>", ok("NVMe format skipped on instance 0, SCM was not formatted"), 0))
                .build();
    }

    static StorageFormatResp oneBad() {
        return StorageFormatResp.newBuilder()
                .addMrets(ScmMountResult.newBuilder().setMntpoint("/mnt/daos0").setState(ok("")))
                .addCrets(cret("0000:5e:00.0", ok(""), 0))
                .addCrets(cret("0000:d8:00.0", ResponseState.newBuilder().setStatus(ResponseStatus.CTL_ERR_NVME)
                        .setError("failed to wipe namespace 1").build(), 0))
                .build();
    }

    static DmgHarness scripted() {
        DmgHarness h = DmgHarness.scripted();
        h.invoker.fail("host[1-6]", "SystemQuery", NO_MS)
                .respond("host[1-2]", fresh()).respond("host3", again()).respond("host5", oneBad())
                .fail("host4", ClientFaults.refused("host4:10001"));
        return h;
    }

    @Test
    void formatSummaryCountsDevicesPerHostSet() {
        DmgHarness.Result r = scripted().run("storage", "format", "-l", "host[1-3]");

        assertThat(r.out()).isEqualTo(golden("""
Format Summary:
  Hosts     SCM Devices NVMe Devices $
  -----     ----------- ------------ $
  host3     1           1            $
  host[1-2] 2           2            $
"""));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void verboseShowsEachDeviceResultAndLeavesSkipNotesOut() {
        DmgHarness.Result r = scripted().run("storage", "format", "-v", "-l", "host[1-3]");

        assertThat(r.out()).isEqualTo(golden("""
-----
host3
-----
SCM Mount  Format Result            $
---------  -------------            $
/mnt/daos0 SCM is already formatted $

\tNo NVMe devices were formatted

---------
host[1-2]
---------
SCM Mount  Format Result $
---------  ------------- $
/mnt/daos0 CTL_SUCCESS   $
/mnt/daos1 CTL_SUCCESS   $

NVMe PCI     Format Result Role(s) $
--------     ------------- ------- $
0000:5e:00.0 CTL_SUCCESS   NA      $
0000:d8:00.0 CTL_SUCCESS   NA      $

"""));
    }

    @Test
    void aFailedDeviceOrHostIsAnErrorAndTheExitCodeSaysSo() {
        DmgHarness.Result r = scripted().run("storage", "format", "-l", "host[4-5]");

        assertThat(r.out()).isEqualTo(golden("""
Format Summary:
  Hosts SCM Devices NVMe Devices $
  ----- ----------- ------------ $
  host5 1           1            $
"""));
        assertThat(r.err()).contains("host4 the server at host4:10001 refused the connection",
                "host5 failed to wipe namespace 1", "ERROR: dmg: 2 hosts had errors");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void forceAsksForReformatAndTheProbeComesFirst() {
        DmgHarness h = scripted();
        DmgHarness.Result r = h.run("storage", "format", "--force", "-l", "host1");

        assertThat(r.exitCode()).isZero();
        assertThat(h.invoker.requests()).extracting(UnaryRequest::name).containsExactly("SystemQuery",
                "StorageFormat");
        assertThat(((StorageFormatReq) h.invoker.requests().get(1).message()).getReformat()).isTrue();

        DmgHarness plain = scripted();
        plain.run("storage", "format", "-l", "host1");
        assertThat(((StorageFormatReq) plain.invoker.requests().get(1).message()).getReformat()).isFalse();
    }

    @Test
    void aRunningSystemRefusesTheFormatWithFault509() {
        DmgHarness h = DmgHarness.scripted();
        h.invoker.respond("host1", new byte[0]).respond("host1", fresh());

        DmgHarness.Result r = h.run("storage", "format", "--force", "-l", "host1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("code = 509", "storage format invoked on a running system",
                "stop and erase the system");
        assertThat(h.invoker.requests()).extracting(UnaryRequest::name).containsExactly("SystemQuery");
    }

    @Test
    void jsonCarriesMountPointsDevicesAndHostErrors() {
        DmgHarness.Result r = scripted().run("-j", "storage", "format", "-l", "host[1-2],host4");

        assertThat(r.exitCode()).isEqualTo(1);
        JsonObject envelope = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(envelope.get("status").getAsInt()).isEqualTo(-1025);
        JsonObject response = envelope.getAsJsonObject("response");
        JsonObject group = response.getAsJsonObject("HostStorage").entrySet().iterator().next().getValue()
                .getAsJsonObject();
        assertThat(group.get("hosts").getAsString()).isEqualTo("host[1-2]:10001");
        assertThat(group.getAsJsonObject("storage").getAsJsonArray("scm_mount_points")).hasSize(2);
        assertThat(group.getAsJsonObject("storage").getAsJsonArray("nvme_devices").get(0).getAsJsonObject()
                .get("info").getAsString()).isEqualTo("CTL_SUCCESS");
        assertThat(response.getAsJsonObject("host_errors").size()).isEqualTo(1);
    }

    @Test
    void queryUsageShowsTotalsFreeAndUsedShare() {
        long gib = 1L << 30;
        StorageScanResp usage = StorageScanResp.newBuilder()
                .setNvme(ScanNvmeResp.newBuilder().addCtrlrs(NvmeController.newBuilder().setPciAddr("0000:5e:00.0")))
                .setScm(ScanScmResp.newBuilder().addNamespaces(ScmNamespace.newBuilder().setBlockdev("ramdisk")
                        .setMount(ScmNamespace.Mount.newBuilder().setPath("/mnt/daos0").setTotalBytes(8 * gib)
                                .setAvailBytes(6 * gib).setUsableBytes(4 * gib))))
                .build();
        DmgHarness h = DmgHarness.scripted();
        h.invoker.respond("host[1-2]", usage);

        DmgHarness.Result r = h.run("storage", "query", "usage", "-l", "host[1-2]");

        assertThat(r.out()).isEqualTo(golden("""
Hosts     SCM-Total SCM-Free SCM-Used NVMe-Total NVMe-Free NVMe-Used $
-----     --------- -------- -------- ---------- --------- --------- $
host[1-2] 8.6 GB    4.3 GB   50 %     0 B        0 B       N/A       $
"""));
        assertThat(((StorageScanReq) h.invoker.requests().get(0).message()).getScm().getUsage()).isTrue();
    }
}
