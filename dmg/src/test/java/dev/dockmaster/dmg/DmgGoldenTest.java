package dev.dockmaster.dmg;

import dev.dockmaster.client.ClientFaults;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden output of dmg's tables, laid out as DAOS prints them. Lines that end in spaces are marked with {@code $}
 * in the goldens (text blocks strip trailing spaces).
 */
class DmgGoldenTest {

    /** host[1-2] standard, host3 PMem namespaces, host4 refuses, host5 NVMe scan failed, host6 with health. */
    static DmgHarness scripted() {
        DmgHarness h = DmgHarness.scripted();
        h.invoker.respond("host[1-2]", Fixtures.standard()).respond("host3", Fixtures.pmem())
                .respond("host5", Fixtures.nvmeFailed()).respond("host6", Fixtures.withHealth())
                .fail("host4", ClientFaults.refused("host4:10001"))
                .respond("host[1-3]", Fixtures.fabric()).respond("host[1-2]", Fixtures.plugins());
        return h;
    }

    static String golden(String marked) {
        return marked.replace("$\n", "\n");
    }

    @Test
    void storageScanGroupsHostsAndReportsErrors() {
        DmgHarness.Result r = scripted().run("storage", "scan", "-l", "host[1-5]");
        assertThat(r.out()).isEqualTo(golden("""
Hosts     SCM Total             NVMe Total             $
-----     ---------             ----------             $
host3     3.2 TB (2 namespaces) 1.6 TB (2 controllers) $
host5     954 MiB (1 module)    0 B (0 controllers)    $
host[1-2] 954 MiB (1 module)    2.0 TB (1 controller)  $
"""));
        assertThat(r.err()).isEqualTo(golden("""
ERROR: Errors:
  Hosts Error                                            $
  ----- -----                                            $
  host4 the server at host4:10001 refused the connection $
  host5 nvme scan failed                                 $

ERROR: dmg: 2 hosts had errors
"""));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void storageScanVerbose() {
        DmgHarness.Result r = scripted().run("storage", "scan", "-v", "-l", "host[1-3]");
        assertThat(r.out()).isEqualTo(golden("""
-----
host3
-----
HugePage Size: 2048 KB

SCM Namespace Socket Capacity $
------------- ------ -------- $
pmem0         0      1.6 TB   $
pmem1         1      1.6 TB   $

NVMe PCI     Model   FW Revision Socket Capacity Role(s)       Rank $
--------     -----   ----------- ------ -------- -------       ---- $
0000:5e:00.0 model-1 fwRev-1     0      800 GB   data          0    $
0000:d8:00.0 model-1 fwRev-1     1      800 GB   data,meta,wal 1    $

---------
host[1-2]
---------
HugePage Size: 2048 KB

SCM Module Socket Memory Ctrlr Channel Channel Slot Capacity UID   Part Number Health  $
---------- ------ ------------ ------- ------------ -------- ---   ----------- ------  $
1          0      0            1       2            954 MiB  uid-1 pn-1        Healthy $

NVMe PCI     Model   FW Revision Socket Capacity Role(s) Rank $
--------     -----   ----------- ------ -------- ------- ---- $
0000:81:00.0 model-1 fwRev-1     1      2.0 TB   NA      None $

"""));
        assertThat(r.err()).isEqualTo(golden("""
"""));
        assertThat(r.exitCode()).isEqualTo(0);
    }

    @Test
    void storageScanNvmeHealth() {
        DmgHarness.Result r = scripted().run("storage", "scan", "-n", "-l", "host6");
        assertThat(r.out()).isEqualTo(golden("""
-----
host6
-----
PCI:0000:81:00.0 Model:model-1 FW:fwRev-1 Socket:1 Capacity:2.0 TB
  Health Stats:
    Temperature:300K(26.85C)
    Controller Busy Time:1h30m0s
    Power Cycles:99
    Power On Duration:9999h0m0s
    Unsafe Shutdowns:1
    Media Errors:0
    Error Log Entries:2
  Critical Warnings:
    Temperature: WARNING
    Available Spare: OK
    Device Reliability: OK
    Read Only: OK
    Volatile Memory Backup: OK
  PCIe Link Info:
    Port: #1
    Max Speed: 8 GT/s
    Negotiated Speed: 2.5 GT/s
    Max Width: x4
    Negotiated Width: x4

"""));
        assertThat(r.err()).isEqualTo(golden("""
"""));
        assertThat(r.exitCode()).isEqualTo(0);
    }

    @Test
    void networkScan() {
        DmgHarness.Result r = scripted().run("network", "scan", "-l", "host[1-4]");
        assertThat(r.out()).isEqualTo(golden("""
Errors:
  Hosts Error                                            $
  ----- -----                                            $
  host4 the server at host4:10001 refused the connection $

---------
host[1-3]
---------

    -------------
    NUMA Socket 0
    -------------

        Provider  Interfaces $
        --------  ---------- $
        ofi+tcp   eth0, eth1 $
        ofi+verbs ib0        $

    -------------
    NUMA Socket 1
    -------------

        Provider Interfaces $
        -------- ---------- $
        ofi+tcp  eth2       $

"""));
        assertThat(r.err()).isEqualTo(golden("""
ERROR: dmg: 1 host had errors
"""));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void serverPlugins() {
        DmgHarness.Result r = scripted().run("server", "plugins", "-l", "host[1-2],host4");
        assertThat(r.out()).isEqualTo(golden("""
---------
host[1-2]
---------
Server version: 0.1.0 (DAOS 2.6.5)

Plugin                Version State   Modules    Providers $
------                ------- -----   -------    --------- $
metrics               0.2.0   FAILED  prometheus None      $
storage-ram (builtin) 0.1.0   started None       scm:ram   $

Plugin errors:
  metrics: port in use

"""));
        assertThat(r.err()).isEqualTo(golden("""
ERROR: Errors:
  Hosts Error                                            $
  ----- -----                                            $
  host4 the server at host4:10001 refused the connection $

ERROR: dmg: 1 host had errors
"""));
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
