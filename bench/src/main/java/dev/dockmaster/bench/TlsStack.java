package dev.dockmaster.bench;

import dev.dockmaster.client.Component;
import dev.dockmaster.client.TransportConfig;
import dev.dockmaster.client.invoke.GrpcInvoker;
import dev.dockmaster.core.DaosServer;
import dev.dockmaster.core.config.ServerConfigLoader;
import dev.dockmaster.proto.v1.ListPluginsReq;
import dev.dockmaster.proto.v1.ServerSvcGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Two complete Dockmaster servers in one process, with the shipped plugins built in: one insecure (plaintext, the
 * security module's request checks only), one secure (mutual TLS with gen_certificates' 3072-bit RSA certificates,
 * authorization and request checks), each called by a client that keeps its channel, as dmg's invoker does. Both
 * answer the same cheap unary call (dockmaster.v1.ServerSvc/ListPlugins, which the admin certificate may call), so
 * the difference is what TLS and authorization cost per call once connected.
 */
public final class TlsStack implements AutoCloseable {
    public static final ListPluginsReq REQUEST = ListPluginsReq.getDefaultInstance();

    private final Path dir;
    private final DaosServer insecure;
    private final DaosServer secure;
    private final ManagedChannel insecureChannel;
    private final ManagedChannel secureChannel;
    public final ServerSvcGrpc.ServerSvcBlockingStub insecureStub;
    public final ServerSvcGrpc.ServerSvcBlockingStub secureStub;

    public TlsStack() throws Exception {
        dir = Files.createTempDirectory("dockmaster-tls-bench");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        Path certs = generateCertificates(dir);
        insecure = DaosServer.start(ServerConfigLoader.load(config("insecure", "transport_config.allow_insecure = true"),
                Map.of("port", freePort())), Optional.empty());
        secure = DaosServer.start(ServerConfigLoader.load(config("secure", String.join("\n",
                "transport_config.allow_insecure = false",
                "transport_config.ca_cert = \"" + certs.resolve("daosCA.crt") + "\"",
                "transport_config.cert = \"" + certs.resolve("server.crt") + "\"",
                "transport_config.key = \"" + certs.resolve("server.key") + "\"",
                "transport_config.client_cert_dir = \"" + certs.resolve("clients") + "\"")),
                Map.of("port", freePort())), Optional.empty());
        insecureChannel = NettyChannelBuilder.forAddress("127.0.0.1", insecure.port()).usePlaintext().build();
        secureChannel = GrpcInvoker.channelsFor(new TransportConfig(false, certs.resolve("daosCA.crt").toString(),
                certs.resolve("admin.crt").toString(), certs.resolve("admin.key").toString()), Component.ADMIN)
                .open("127.0.0.1:" + secure.port());
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-daos-component", Metadata.ASCII_STRING_MARSHALLER), "admin");
        headers.put(Metadata.Key.of("x-daos-version", Metadata.ASCII_STRING_MARSHALLER), "2.6.5");
        insecureStub = ServerSvcGrpc.newBlockingStub(insecureChannel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        secureStub = ServerSvcGrpc.newBlockingStub(secureChannel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        if (!insecureStub.listPlugins(REQUEST).toBuilder().clearModules().build()
                .equals(secureStub.listPlugins(REQUEST).toBuilder().clearModules().build())) {
            throw new IllegalStateException("the two servers answer differently");
        }
    }

    private Path config(String name, String transport) throws IOException {
        return Files.writeString(dir.resolve(name + ".conf"), String.join("\n", transport,
                // One socket directory per server: two servers cannot share daos_server.sock.
                "socket_dir = \"" + dir.resolve("run-" + name) + "\"",
                "plugins.dir = \"" + dir.resolve("no-external-plugins") + "\"",
                "control_log_mask = ERROR"));
    }

    private static Path generateCertificates(Path dir) throws IOException, InterruptedException {
        Path script = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && script == null; d = d.getParent()) {
            Path candidate = d.resolve("distribution/src/bin/gen_certificates");
            if (Files.isExecutable(candidate)) {
                script = candidate;
            }
        }
        if (script == null) {
            throw new IllegalStateException("distribution/src/bin/gen_certificates not found above the working directory");
        }
        Process process = new ProcessBuilder(script.toString(), dir.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("gen_certificates failed:\n" + output);
        }
        return dir.resolve("daosCA/certs");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        insecureChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        secureChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        insecure.close();
        secure.close();
    }
}
