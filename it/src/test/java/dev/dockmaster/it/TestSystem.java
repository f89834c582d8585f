package dev.dockmaster.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A DAOS system of daos_server processes on loopback, each with its own port, socket directory and simulated
 * engines on mock storage (no root needed), and the system's first server as the one access point unless told
 * otherwise. Hosts are started, stopped and restarted by index; dmg talks to the access points.
 */
final class TestSystem implements AutoCloseable {
    private final Path work;
    private final List<Integer> ports = new ArrayList<>();
    /** Each engine's fabric port, by host then engine: free ones, since the simulated engines listen there. */
    private final List<List<Integer>> fabricPorts = new ArrayList<>();
    private final List<Integer> enginesPerHost;
    private final List<Integer> accessPointHosts;
    private final ServerProcess[] servers;
    private Path certs;

    /**
     * @param enginesPerHost how many simulated engines each host runs, by host index
     * @param accessPointHosts the hosts (by index) that are management service replicas; the first bootstraps
     */
    TestSystem(Path work, List<Integer> enginesPerHost, List<Integer> accessPointHosts) {
        this.work = work;
        this.enginesPerHost = List.copyOf(enginesPerHost);
        this.accessPointHosts = List.copyOf(accessPointHosts);
        this.servers = new ServerProcess[enginesPerHost.size()];
        for (int i = 0; i < enginesPerHost.size(); i++) {
            ports.add(Distribution.freePortPair());
            List<Integer> fabric = new ArrayList<>();
            for (int e = 0; e < enginesPerHost.get(i); e++) {
                fabric.add(Distribution.freePort());
            }
            fabricPorts.add(fabric);
        }
    }

    /**
     * Runs the system with mutual TLS: certificates from bin/gen_certificates in {@code certs} (its
     * {@code daosCA/certs}), servers with the server certificate, dmg with the admin one.
     */
    TestSystem secure(Path certsDir) {
        this.certs = certsDir;
        return this;
    }

    Path work() {
        return work;
    }

    int hosts() {
        return servers.length;
    }

    String address(int host) {
        return "127.0.0.1:" + ports.get(host);
    }

    /** Every host's address, comma-separated (dmg's host list for per-host commands such as storage format). */
    String allHosts() {
        List<String> all = new ArrayList<>();
        for (int host = 0; host < servers.length; host++) {
            all.add(address(host));
        }
        return String.join(",", all);
    }

    String accessPoints() {
        return accessPointHosts.stream().map(this::address).collect(Collectors.joining(","));
    }

    Path hostDir(int host) {
        return work.resolve("host" + host);
    }

    Path scmMount(int host, int engine) {
        return hostDir(host).resolve("mnt/daos" + engine);
    }

    Path config(int host) {
        Path dir = hostDir(host);
        StringBuilder yaml = new StringBuilder();
        yaml.append("""
                name: daos_server
                port: %d
                provider: ofi+tcp
                socket_dir: %s
                access_points: [%s]
                %s
                plugins:
                  disabled: [storage-ram, storage-file, storage-nvme, storage-ipmctl]
                engines:
                """.formatted(ports.get(host), dir.resolve("run"),
                accessPointHosts.stream().map(h -> "\"" + address(h) + "\"").collect(Collectors.joining(", ")),
                transportConfig("server")));
        for (int e = 0; e < enginesPerHost.get(host); e++) {
            yaml.append("""
                      - targets: 2
                        fabric_iface: lo
                        fabric_iface_port: %d
                        log_file: %s
                        storage:
                          - class: ram
                            scm_mount: %s
                            scm_size: 4
                    """.formatted(fabricPorts.get(host).get(e), dir.resolve("engine" + e + ".log"),
                    scmMount(host, e)));
        }
        try {
            Files.createDirectories(dir.resolve("run"));
            return Files.writeString(dir.resolve("daos_server.yml"), yaml.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private String transportConfig(String component) {
        if (certs == null) {
            return "transport_config:\n  allow_insecure: true";
        }
        return "transport_config:\n  allow_insecure: false\n"
                + "  ca_cert: " + certs.resolve("daosCA.crt") + "\n"
                + "  cert: " + certs.resolve(component + ".crt") + "\n"
                + "  key: " + certs.resolve(component + ".key") + "\n"
                + ("server".equals(component) ? "  client_cert_dir: " + certs.resolve("clients") + "\n" : "");
    }

    /** Starts every host with --auto-format, access points first. */
    TestSystem startAll() {
        for (int host : accessPointHosts) {
            start(host);
        }
        for (int host = 0; host < servers.length; host++) {
            if (servers[host] == null) {
                start(host);
            }
        }
        return this;
    }

    ServerProcess start(int host) {
        servers[host] = ServerProcess.start(work, config(host), ports.get(host), "--auto-format");
        return servers[host];
    }

    ServerProcess server(int host) {
        return servers[host];
    }

    /** SIGTERM and wait. */
    void stop(int host) {
        if (servers[host] != null) {
            servers[host].close();
            servers[host] = null;
        }
    }

    /** SIGKILL: the host's daos_server dies at once (its engines follow it). */
    void kill(int host) {
        if (servers[host] != null) {
            servers[host].kill();
            servers[host] = null;
        }
    }

    /** The host whose control address is {@code address}, or -1. */
    int hostOf(String address) {
        for (int host = 0; host < ports.size(); host++) {
            if (address(host).equals(address)) {
                return host;
            }
        }
        return -1;
    }

    int totalEngines() {
        return enginesPerHost.stream().mapToInt(Integer::intValue).sum();
    }

    ProcessResult dmg(String... args) {
        return dmgOn(accessPoints(), args);
    }

    /** dmg with {@code -l hosts} instead of the access points. */
    ProcessResult dmgOn(String hosts, String... args) {
        List<String> line = new ArrayList<>();
        if (certs == null) {
            line.add("-i");
        } else {
            line.add("-o");
            line.add(controlConfig().toString());
        }
        line.add("-l");
        line.add(hosts);
        line.addAll(List.of(args));
        return Commands.dmg(work, line.toArray(String[]::new));
    }

    private Path controlConfig() {
        try {
            return Files.writeString(work.resolve("daos_control.yml"),
                    "name: daos_server\n" + transportConfig("admin") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code dmg -j system query}'s members by rank; fails the test on a dmg error. */
    Map<Integer, JsonObject> members() {
        ProcessResult result = dmg("-j", "system", "query");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonObject response = JsonParser.parseString(result.stdout()).getAsJsonObject().getAsJsonObject("response");
        Map<Integer, JsonObject> byRank = new TreeMap<>();
        JsonArray members = response.getAsJsonArray("members");
        if (members != null) {
            for (JsonElement member : members) {
                byRank.put(member.getAsJsonObject().get("rank").getAsInt(), member.getAsJsonObject());
            }
        }
        return byRank;
    }

    /** The members' states by rank, lower-case, or an empty map while the query fails (MS not up yet). */
    Map<Integer, String> states() {
        ProcessResult result = dmg("-j", "system", "query");
        if (result.exitCode() != 0) {
            return Map.of();
        }
        Map<Integer, String> states = new TreeMap<>();
        members().forEach((rank, m) -> states.put(rank, m.get("state").getAsString().toLowerCase()));
        return states;
    }

    /** Waits until every engine of the system is a Joined member. */
    Map<Integer, JsonObject> awaitAllJoined(Duration within) {
        await("all " + totalEngines() + " engines joined").atMost(within).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<Integer, String> states = states();
                    return states.size() == totalEngines() && states.values().stream().allMatch("joined"::equals);
                });
        return members();
    }

    String logs() {
        StringBuilder all = new StringBuilder();
        for (int host = 0; host < servers.length; host++) {
            if (servers[host] != null) {
                all.append("---- host ").append(host).append('\n').append(servers[host].log());
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        for (int host = servers.length - 1; host >= 0; host--) {
            stop(host);
        }
    }
}
