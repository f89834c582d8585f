package dev.dockmaster.plugins.security;

import dev.dockmaster.client.security.CertificateFiles;
import dev.dockmaster.client.security.DaosTls;
import dev.dockmaster.client.security.FilePermissions;
import dev.dockmaster.client.security.PeerVerifier;
import dev.dockmaster.client.security.TlsMaterial;
import dev.dockmaster.spi.Fault;
import dev.dockmaster.spi.grpc.GrpcModule;
import dev.dockmaster.spi.grpc.GrpcModuleFactory;
import dev.dockmaster.spi.grpc.ModuleContext;
import dev.dockmaster.spi.grpc.OrderedInterceptor;
import dev.dockmaster.spi.grpc.PeerTls;
import dev.dockmaster.spi.grpc.TransportInfo;
import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextServerCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates the {@code security} module from the server's {@code transport_config}:
 * <ul>
 *   <li>TLS ({@code allow_insecure: false}): loads and checks the CA, the server certificate and key (key at most
 *       0400, as DAOS requires of daos_server) and {@code client_cert_dir}, failing start-up with a fault naming the
 *       file; supplies the mutual-TLS credentials of the port; installs the authorization interceptor and the
 *       request checks;</li>
 *   <li>insecure: supplies no credentials (the core opens plaintext) and installs only the request checks, since
 *       DAOS checks versions and system names in both modes but has no identity to authorize without
 *       certificates.</li>
 * </ul>
 */
public final class SecurityModuleFactory implements GrpcModuleFactory {
    public static final String NAME = "security";
    /** Runs first among the shipped interceptors: nothing sees a call the caller may not make. */
    public static final int AUTHORIZATION_ORDER = 100;
    public static final int REQUEST_CHECKS_ORDER = 110;

    private static final Logger LOG = LoggerFactory.getLogger(SecurityModuleFactory.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GrpcModule create(ModuleContext context) {
        TransportInfo transport = context.transport();
        DaosVersion self = DaosVersion.parse(context.server().daosVersion()).orElseThrow(() -> new Fault(
                "server", 2100, "cannot parse this server's DAOS version \"" + context.server().daosVersion() + "\"",
                "this is a build problem: report it"));
        RequestChecks checks = new RequestChecks(context.server().systemName(), self, !transport.allowInsecure());
        List<OrderedInterceptor> interceptors = new ArrayList<>();
        Optional<ServerCredentials> credentials = Optional.empty();
        Optional<ChannelCredentials> peerCredentials = Optional.empty();
        Optional<PeerTls> peerTls = Optional.empty();
        if (transport.allowInsecure()) {
            LOG.info("transport_config.allow_insecure: no TLS, no authorization; checking DAOS headers and system"
                    + " names only");
        } else {
            TlsMaterial material = TlsMaterial.load(transport.caCert(), transport.cert(), transport.key(),
                    FilePermissions.USER_ONLY_KEY);
            CertificateFiles.readableDirectory(transport.clientCertDir());
            if (!"server".equals(material.commonName())) {
                LOG.warn("the server certificate {} has CN \"{}\": DAOS clients only accept CN \"server\"",
                        transport.cert(), material.commonName());
            }
            credentials = Optional.of(NettySslContextServerCredentials.create(DaosTls.server(material)));
            // Calls to other servers (joins, events, fan-out) present this server's certificate: DAOS's server.crt
            // carries both serverAuth and clientAuth for exactly this.
            peerCredentials = Optional.of(NettySslContextChannelCredentials.create(DaosTls.client(material)));
            // The same identity for raft, whose Ratis has its own shaded gRPC: JSSE managers, same trust checks.
            peerTls = Optional.of(new PeerTls(DaosTls.keyManager(material), PeerVerifier.forCa(material.caCerts())));
            interceptors.add(new OrderedInterceptor(AUTHORIZATION_ORDER, "security.authorization",
                    new AuthorizationInterceptor(AuthorizationTable.DEFAULT)));
            LOG.info("mutual TLS with CA {}, certificate {}; {} methods authorized", transport.caCert(),
                    transport.cert(), AuthorizationTable.DEFAULT.entries().size());
        }
        interceptors.add(new OrderedInterceptor(REQUEST_CHECKS_ORDER, "security.request-checks", checks));
        return new Module(List.copyOf(interceptors), credentials, peerCredentials, peerTls);
    }

    private record Module(List<OrderedInterceptor> interceptors, Optional<ServerCredentials> serverCredentials,
                          Optional<ChannelCredentials> peerCredentials, Optional<PeerTls> peerTls)
            implements GrpcModule {
        @Override
        public List<ServerServiceDefinition> services() {
            return List.of();
        }
    }
}
