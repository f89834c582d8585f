package dev.dockmaster.plugins.management;

import dev.dockmaster.spi.engine.EngineHarness;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The leader's checks before a join enters a batch: control address, UUID, provider, rank 0 reservation. */
class JoinChecksTest {
    static final String BOOTSTRAP = "127.0.0.1:10001";

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
            "0.0.0.0:10001, 10.1.2.3, 10.1.2.3:10001",
            "10.9.9.9:10001, 10.1.2.3, 10.9.9.9:10001",
            "127.0.0.1:10002, '', 127.0.0.1:10002",
    })
    void controlAddressUsesThePeerIpForAnUnspecifiedHost(String addr, String peer, String want) {
        assertThat(ManagementService.controlAddress(addr, peer.isEmpty() ? Optional.empty() : Optional.of(peer)))
                .isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "no port, 10.0.0.1, invalid control address",
            "unspecified host without a peer, 0.0.0.0:10001, no peer address",
    })
    void badControlAddressesAreRefused(String name, String addr, String message) {
        assertThatThrownBy(() -> ManagementService.controlAddress(addr, Optional.empty()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining(message);
    }

    private static ManagementService service() {
        return new ManagementService(ReplicaHarness.serverInfo(10001, List.of(BOOTSTRAP)),
                Replicas.resolve(List.of(BOOTSTRAP), 10001), RaftSettings.DEFAULTS, EngineHarness.none(),
                Executors.newSingleThreadScheduledExecutor(), Clock.systemUTC());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "engine 0 of the bootstrap replica asks rank 0, 127.0.0.1:10001, 0, 0",
            "engine 1 of the bootstrap replica gets NextRank, 127.0.0.1:10001, 1, -1",
            "engine 0 of another server gets NextRank, 10.0.0.2:10001, 0, -1",
    })
    void rankZeroIsReservedForEngineZeroOfTheBootstrapReplica(String name, String addr, int idx, int wantRank) {
        var record = service().checkedJoin(RaftClusterTest.joinReq("00000000-0000-0000-0000-000000000001", addr, idx),
                Optional.empty(), new SystemDb());
        assertThat(record.getRank()).isEqualTo(wantRank);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bad uuid, not-a-uuid, ofi+tcp://10.0.0.2:1, invalid uuid",
            "other provider, 00000000-0000-0000-0000-000000000001, ucx+dc://10.0.0.2:1, does not match the system's",
            "no uri, 00000000-0000-0000-0000-000000000001, '', has no fabric URI",
    })
    void malformedJoinsAreRefused(String name, String uuid, String uri, String message) {
        var req = RaftClusterTest.joinReq("00000000-0000-0000-0000-000000000001", "10.0.0.2:10001", 0).toBuilder()
                .setUuid(uuid).setUri(uri).build();
        assertThatThrownBy(() -> service().checkedJoin(req, Optional.empty(), new SystemDb()))
                .isInstanceOf(StatusRuntimeException.class).hasMessageContaining(message);
    }
}
