package dev.dockmaster.plugins.management;

import dev.dockmaster.client.security.DaosTls;
import dev.dockmaster.client.security.FilePermissions;
import dev.dockmaster.client.security.PeerVerifier;
import dev.dockmaster.client.security.TlsMaterial;
import dev.dockmaster.plugins.management.raft.ApplyResult;
import dev.dockmaster.plugins.management.raft.LogEntry;
import dev.dockmaster.plugins.management.raft.SetAttrs;
import dev.dockmaster.spi.grpc.PeerTls;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.grpc.GrpcUtil;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.RaftConfigKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Raft between replicas under mutual TLS with DAOS certificates made by the distribution's gen_certificates. */
class RaftTlsTest {
    @TempDir
    static Path certRoot;
    static Path ours;
    static Path theirs;

    @TempDir
    Path dirs;
    private final List<RaftNode> nodes = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        ours = generate(certRoot.resolve("ours"));
        theirs = generate(certRoot.resolve("theirs"));
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(RaftNode::close);
    }

    static PeerTls identity(Path certs) {
        TlsMaterial material = TlsMaterial.load(certs.resolve("daosCA.crt"), certs.resolve("server.crt"),
                certs.resolve("server.key"), FilePermissions.USER_ONLY_KEY);
        return new PeerTls(DaosTls.keyManager(material), PeerVerifier.forCa(material.caCerts()));
    }

    /** Presents a server certificate of another CA but trusts ours: only the other side's check can refuse it. */
    static PeerTls foreignIdentity() {
        TlsMaterial foreign = TlsMaterial.load(theirs.resolve("daosCA.crt"), theirs.resolve("server.crt"),
                theirs.resolve("server.key"), FilePermissions.USER_ONLY_KEY);
        TlsMaterial own = TlsMaterial.load(ours.resolve("daosCA.crt"), ours.resolve("server.crt"),
                ours.resolve("server.key"), FilePermissions.USER_ONLY_KEY);
        return new PeerTls(DaosTls.keyManager(foreign), PeerVerifier.forCa(own.caCerts()));
    }

    private RaftNode start(int i, RaftPeer peer, boolean bootstrap, RaftTls tls) {
        RaftNode node = RaftNode.start(peer, bootstrap, "daos_server", dirs.resolve("replica" + i),
                ReplicaHarness.FAST, new SystemDb(), tls);
        nodes.add(node);
        return node;
    }

    private static RaftPeer newPeer(String id) throws IOException {
        int port = FreePorts.controlPortWithRaftPort() + 1;
        return RaftNode.peer(id, "127.0.0.1:" + port);
    }

    private static LogEntry setAttr(String key, String value) {
        return LogEntry.newBuilder().setTimeNanos(System.nanoTime())
                .setSetAttrs(SetAttrs.newBuilder().putAttrs(key, value)).build();
    }

    private static RaftNode leaderOf(RaftNode node) {
        await().atMost(Duration.ofSeconds(20)).until(node::isLeader);
        return node;
    }

    @Test
    void twoReplicasUnderTlsElectAndCommit() throws Exception {
        RaftPeer p0 = newPeer("replica0");
        RaftPeer p1 = newPeer("replica1");
        RaftNode leader = leaderOf(start(0, p0, true, RaftTls.of(identity(ours))));
        RaftNode follower = start(1, p1, false, RaftTls.of(identity(ours)));

        leader.addVoters(List.of(p1)).get(30, TimeUnit.SECONDS);
        ApplyResult applied = leader.submit(setAttr("color", "green"), Duration.ofSeconds(10))
                .get(15, TimeUnit.SECONDS);

        assertThat(applied.getChanged()).isTrue();
        assertThat(leader.voters()).extracting(p -> p.getId().toString()).containsExactlyInAnyOrder("replica0",
                "replica1");
        // a commit with two voters needs the follower's acknowledgement: it travelled over TLS
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(follower.db().attributes()).containsEntry("color", "green"));
        // the follower learnt the configuration from the leader over TLS too
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(follower.voters()).hasSize(2));
    }

    record Intruder(String name, Supplier<RaftTls> tls) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Intruder> intruders() {
        return Stream.of(
                new Intruder("plaintext replica", () -> RaftTls.PLAINTEXT),
                new Intruder("replica with another CA's server certificate", () -> RaftTls.of(foreignIdentity())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intruders")
    void aReplicaWithoutACertificateOfTheCaCannotJoin(Intruder intruder) throws Exception {
        RaftPeer p0 = newPeer("replica0");
        RaftPeer p1 = newPeer("replica1");
        RaftNode leader = leaderOf(start(0, p0, true, RaftTls.of(identity(ours))));
        RaftNode outsider = start(1, p1, false, intruder.tls().get());

        CompletableFuture<Void> added = leader.addVoters(List.of(p1));
        // the leader keeps committing on its own while it tries to bring the outsider up to date
        leader.submit(setAttr("color", "green"), Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);

        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                outsider.db().attributes().isEmpty() && !(added.isDone() && !added.isCompletedExceptionally()));
        assertThat(leader.voters()).extracting(p -> p.getId().toString()).containsExactly("replica0");
        assertThat(outsider.voters()).isEmpty();
    }

    /** A Ratis client of the group, with or without TLS, that tries once. */
    private static RaftClient client(RaftPeer leader, RaftTls tls) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        return RaftClient.newBuilder()
                .setProperties(properties)
                .setParameters(tls.parameters())
                .setRaftGroup(RaftGroup.valueOf(RaftNode.groupIdFor("daos_server"), leader))
                .setRetryPolicy(RetryPolicies.noRetry())
                .build();
    }

    static Stream<Intruder> clients() {
        return Stream.of(
                new Intruder("plaintext client", () -> RaftTls.PLAINTEXT),
                new Intruder("client with another CA's certificate", () -> RaftTls.of(foreignIdentity())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aClientWithoutACertificateOfTheCaCannotCommit(Intruder intruder) throws Exception {
        RaftPeer p0 = newPeer("replica0");
        RaftNode leader = leaderOf(start(0, p0, true, RaftTls.of(identity(ours))));
        long before = leader.lastAppliedIndex();

        try (RaftClient client = RaftNode.withLoader(RaftTlsTest.class.getClassLoader(),
                () -> client(p0, intruder.tls().get()))) {
            Message entry = Message.valueOf(org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(
                    setAttr("color", "red").toByteArray()));
            assertThatThrownBy(() -> client.async().send(entry).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(Exception.class);
        }
        assertThat(leader.lastAppliedIndex()).isEqualTo(before);
        assertThat(leader.db().attributes()).doesNotContainKey("color");
    }

    @Test
    void aClientWithTheServerCertificateCommits() throws Exception {
        RaftPeer p0 = newPeer("replica0");
        RaftNode leader = leaderOf(start(0, p0, true, RaftTls.of(identity(ours))));

        try (RaftClient client = RaftNode.withLoader(RaftTlsTest.class.getClassLoader(),
                () -> client(p0, RaftTls.of(identity(ours))))) {
            Message entry = Message.valueOf(org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(
                    setAttr("color", "blue").toByteArray()));
            assertThat(client.async().send(entry).get(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(leader.db().attributes()).containsEntry("color", "blue");
    }

    /**
     * Why RaftTls hands Ratis key managers rather than file names: DAOS's PKCS#1 keys ("BEGIN RSA PRIVATE KEY") do
     * not load through Ratis's file-based TLS (netty's PEM reader takes PKCS#8 only), and load fine once parsed.
     */
    @Test
    void aPkcs1KeyFailsRatisFileBasedTlsButWorksThroughTheKeyManager() throws Exception {
        Path pkcs1 = certRoot.resolve("server-pkcs1.key");
        run("openssl", "rsa", "-in", ours.resolve("server.key").toString(), "-traditional", "-out", pkcs1.toString());
        Files.setPosixFilePermissions(pkcs1, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        GrpcTlsConfig fromFiles = new GrpcTlsConfig(pkcs1.toFile(), ours.resolve("server.crt").toFile(),
                ours.resolve("daosCA.crt").toFile(), true);
        assertThatThrownBy(() -> GrpcUtil.buildSslContextForServer(fromFiles)).isInstanceOf(Exception.class);

        TlsMaterial material = TlsMaterial.load(ours.resolve("daosCA.crt"), ours.resolve("server.crt"), pkcs1,
                FilePermissions.USER_ONLY_KEY);
        GrpcTlsConfig fromManagers = new GrpcTlsConfig(DaosTls.keyManager(material),
                PeerVerifier.forCa(material.caCerts()), true);
        assertThat(GrpcUtil.buildSslContextForServer(fromManagers).isServer()).isTrue();
        assertThat(GrpcUtil.buildSslContextForClient(fromManagers).isClient()).isTrue();
    }

    // ---- certificates ----

    private static Path generate(Path dir) {
        Path script = findScript();
        Map<String, String> env = Map.of("DAOS_CERT_KEY_BITS", "2048");
        String output = run(env, script.toString(), dir.toString());
        Path certs = dir.resolve("daosCA/certs");
        assertThat(certs.resolve("server.crt")).as(output).exists();
        return certs;
    }

    private static String run(String... command) {
        return run(Map.of(), command);
    }

    private static String run(Map<String, String> env, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("distribution/src/bin/gen_certificates");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("distribution/src/bin/gen_certificates not found above "
                + Path.of("").toAbsolutePath());
    }
}
