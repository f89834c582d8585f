package dev.dockmaster.dmg;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dockmaster.client.ClientFaults;
import dev.dockmaster.client.ControlConfig;
import dev.dockmaster.client.invoke.UnaryRequest;
import dev.dockmaster.proto.ctl.StorageScanReq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DmgTest {

    private static DmgHarness scripted() {
        return DmgGoldenTest.scripted();
    }

    static Stream<Arguments> jsonCommands() {
        return Stream.of(
                // name, args, exit code, error (null when none), response key
                Arguments.of("storage scan ok", List.of("-j", "storage", "scan", "-l", "host[1-2]"), 0, null,
                        "HostStorage"),
                Arguments.of("storage scan host failure", List.of("-j", "storage", "scan", "-l", "host[3-4]"), 1,
                        "1 host had errors", "HostStorage"),
                Arguments.of("storage scan verbose", List.of("--json", "storage", "scan", "-v", "-l", "host3"), 0,
                        null, "HostStorage"),
                Arguments.of("network scan", List.of("-j", "network", "scan", "-l", "host[1-3]", "-p", "all"), 0, null,
                        "HostFabrics"),
                Arguments.of("network scan failure", List.of("-j", "network", "scan", "-l", "host4"), 1,
                        "1 host had errors", "HostFabrics"),
                Arguments.of("server plugins", List.of("-j", "server", "plugins", "-l", "host[1-2]"), 0, null,
                        "HostPlugins"),
                Arguments.of("version", List.of("-j", "version"), 0, null, "version"),
                Arguments.of("flag error", List.of("-j", "storage", "scan", "--bogus"), 1,
                        "Unknown option: '--bogus'", null),
                Arguments.of("bad host list", List.of("-j", "network", "scan", "-l", "h[2-1]"), 1,
                        "invalid host list", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonCommands")
    void everyCommandEmitsTheJsonEnvelope(String name, List<String> args, int exit, String error, String key) {
        DmgHarness.Result r = scripted().run(args.toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(exit);
        assertThat(r.out()).endsWith("}\n").contains("\n  \"response\": ");
        JsonObject envelope = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(envelope.keySet()).containsExactly("response", "error", "status");
        if (error == null) {
            assertThat(envelope.get("error").isJsonNull()).isTrue();
            assertThat(envelope.get("status").getAsInt()).isZero();
            assertThat(r.err()).isEmpty();
        } else {
            assertThat(envelope.get("error").getAsString()).contains(error);
            assertThat(envelope.get("status").getAsInt()).isEqualTo(-1025);
            assertThat(r.err()).startsWith("ERROR: dmg: ").contains(error);
        }
        JsonElement response = envelope.get("response");
        if (key == null) {
            assertThat(response.isJsonNull()).isTrue();
        } else {
            assertThat(response.getAsJsonObject().has(key)).isTrue();
        }
    }

    @Test
    void jsonGroupsCarryRangedHostsAndHostErrors() {
        DmgHarness.Result r = scripted().run("-j", "storage", "scan", "-l", "host[1-2],host4");
        JsonObject response = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("response");
        JsonObject groups = response.getAsJsonObject("HostStorage");
        assertThat(groups.size()).isEqualTo(1);
        JsonObject group = groups.entrySet().iterator().next().getValue().getAsJsonObject();
        assertThat(group.get("hosts").getAsString()).isEqualTo("host[1-2]:10001");
        assertThat(group.getAsJsonObject("storage").getAsJsonArray("nvme_devices").get(0).getAsJsonObject()
                .getAsJsonArray("namespaces").get(0).getAsJsonObject().get("size").getAsLong())
                .isEqualTo(2_000_000_000_000L);
        assertThat(response.getAsJsonObject("host_errors").get(
                ClientFaults.refused("host4:10001").getMessage()).getAsString()).isEqualTo("host4:10001");
    }

    static Stream<Arguments> flagErrors() {
        return Stream.of(
                Arguments.of("no command", List.of(), "Please specify one command of: network, pool, server, storage, system, telemetry or version"),
                Arguments.of("no storage subcommand", List.of("storage"), "Please specify one command of: format, query, scan"),
                Arguments.of("unknown command", List.of("frobnicate"), "Unmatched argument at index 0: 'frobnicate'"),
                Arguments.of("unknown flag", List.of("storage", "scan", "--bogus"), "Unknown option: '--bogus'"),
                Arguments.of("missing -l value", List.of("network", "scan", "-l"), "Missing required parameter"),
                Arguments.of("verbose with health", List.of("storage", "scan", "-v", "-n"),
                        "cannot use --verbose with --nvme-health"),
                Arguments.of("global -l on version", List.of("-l", "host1", "version"), "unknown flag `l'/`host-list'"),
                Arguments.of("malformed host list", List.of("storage", "scan", "-l", "node[1-"),
                        "invalid host list \"node[1-\": unbalanced brackets"),
                Arguments.of("empty host list", List.of("storage", "scan", "-l", ","), "empty host list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flagErrors")
    void flagErrorsGiveAClearMessageAndExit1(String name, List<String> args, String message) {
        DmgHarness h = scripted();
        DmgHarness.Result r = h.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("ERROR: dmg: ").contains(message);
        assertThat(r.out()).isEmpty();
        assertThat(h.invoker.requests()).isEmpty();
    }

    @Test
    void helpExitsZero() {
        DmgHarness.Result r = scripted().run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: dmg").contains("storage").contains("--insecure");
    }

    @Test
    void versionPrintsDaosStyleLineAndDockmasterVersion() {
        DmgHarness.Result r = scripted().run("version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("dmg version 2.6.5\n").contains("dockmaster version 0.1.0");
    }

    @Test
    void hostListsComeFromCommandThenGlobalThenConfig() {
        DmgHarness h = scripted();
        h.run("-l", "host1", "storage", "scan", "-l", "host2");
        h.run("-l", "host1", "storage", "scan");
        h.run("storage", "scan");
        assertThat(h.configsSeen).extracting(c -> c.hosts().toRangedString())
                .containsExactly("host2:10001", "host1:10001", "localhost:10001");
        assertThat(h.invoker.requests()).extracting(req -> req.hosts().toRangedString())
                .containsExactly("host2:10001", "host1:10001", "localhost:10001");
    }

    @Test
    void insecureFlagAllowsPlaintext() {
        List<ControlConfig> seen = new java.util.ArrayList<>();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        dev.dockmaster.client.testing.ScriptedInvoker invoker =
                new dev.dockmaster.client.testing.ScriptedInvoker(ControlConfig.defaults());
        Dmg.run(new String[]{"-i", "version"}, out, out, p -> ControlConfig.defaults(), c -> invoker);
        Dmg.run(new String[]{"-i", "network", "scan"}, out, out, p -> ControlConfig.defaults(), c -> {
            seen.add(c);
            return invoker;
        });
        Dmg.run(new String[]{"network", "scan"}, out, out, p -> ControlConfig.defaults(), c -> {
            seen.add(c);
            return invoker;
        });
        assertThat(seen).extracting(c -> c.transport().allowInsecure()).containsExactly(true, false);
        assertThat(invoker.isClosed()).isTrue();
    }

    @Test
    void secureTransportWithoutCertificatesNamesTheMissingFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        String ca = dir.resolve("daosCA.crt").toString();
        ControlConfig secure = ControlConfig.defaults().withTransport(new dev.dockmaster.client.TransportConfig(
                false, ca, dir.resolve("admin.crt").toString(), dir.resolve("admin.key").toString()));
        int code = Dmg.run(new String[]{"storage", "scan", "-l", "127.0.0.1"},
                new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8),
                p -> secure,
                c -> new dev.dockmaster.client.invoke.GrpcInvoker(c, dev.dockmaster.client.Component.ADMIN));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(err).contains("ERROR: dmg: security: code = 901 description = \"Unable to load Certificate Data:"
                        + " certificates are enabled, but " + ca + " was not found\"")
                .contains("resolution = \"generate the certificates (bin/gen_certificates)");
    }

    @Test
    void storageScanAsksForBasicNvmeUnlessVerboseOrHealth() {
        DmgHarness h = scripted();
        h.run("storage", "scan", "-l", "host1");
        h.run("storage", "scan", "-v", "-l", "host1");
        h.run("storage", "scan", "-n", "-l", "host1");
        assertThat(h.invoker.requests()).extracting(UnaryRequest::message)
                .map(m -> ((StorageScanReq) m).getNvme())
                .extracting(n -> n.getBasic() + "/" + n.getHealth() + "/" + n.getLinkStats())
                .containsExactly("true/false/false", "false/false/false", "false/true/true");
    }

    @Test
    void networkScanPassesTheProvider() {
        DmgHarness h = scripted();
        h.run("network", "scan", "-l", "host1", "-p", "ofi+tcp");
        assertThat(((dev.dockmaster.proto.ctl.NetworkScanReq) h.invoker.requests().get(0).message()).getProvider())
                .isEqualTo("ofi+tcp");
    }

    @Test
    void debugFlagTracesToStderr() {
        DmgHarness.Result r = scripted().run("-d", "network", "scan", "-l", "host1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("DEBUG: network scan request");
    }
}
