package dev.dockmaster.it;

import com.google.protobuf.ByteString;
import dev.dockmaster.proto.drpc.Call;
import dev.dockmaster.proto.drpc.Response;
import dev.dockmaster.proto.drpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw client on the running server's {@code daos_server.sock}: frames it cannot decode, unknown modules and
 * methods and undecodable bodies get DAOS's dRPC statuses, and the server keeps serving dRPC and gRPC.
 */
class DrpcListenerIT {
    @TempDir
    Path work;

    private static byte[] call(int module, int method, long sequence, byte[] body) {
        return Call.newBuilder().setModule(module).setMethod(method).setSequence(sequence)
                .setBody(ByteString.copyFrom(body)).build().toByteArray();
    }

    private static Response exchange(AFUNIXDatagramSocket socket, byte[] frame) throws IOException {
        socket.send(new DatagramPacket(frame, frame.length));
        byte[] buffer = new byte[1 << 20];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return Response.parseFrom(Arrays.copyOf(buffer, packet.getLength()));
    }

    @Test
    void badFramesGetDaosStatusesAndTheServerKeepsServing() throws IOException {
        try (TestSystem system = new TestSystem(work, List.of(0), List.of(0))) {
            system.startAll();
            Path socketPath = system.hostDir(0).resolve("run/daos_server.sock");
            try (AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET)) {
                socket.connect(AFUNIXSocketAddress.of(socketPath));
                socket.setSoTimeout(10_000);

                assertThat(exchange(socket, "not a protobuf\n".getBytes()).getStatus())
                        .isEqualTo(Status.FAILED_UNMARSHAL_CALL);
                Response unknownModule = exchange(socket, call(77, 7701, 5, new byte[0]));
                assertThat(unknownModule.getStatus()).isEqualTo(Status.UNKNOWN_MODULE);
                assertThat(unknownModule.getSequence()).isEqualTo(5);
                assertThat(exchange(socket, call(3, 350, 6, new byte[0])).getStatus())
                        .isEqualTo(Status.UNKNOWN_METHOD);
                assertThat(exchange(socket, call(3, 301, 7, new byte[] {(byte) 0xff, 1})).getStatus())
                        .isEqualTo(Status.FAILED_UNMARSHAL_PAYLOAD);
                Response listPools = exchange(socket, call(3, 310, 8, new byte[0]));
                assertThat(listPools.getStatus()).isEqualTo(Status.SUCCESS);
                assertThat(listPools.getSequence()).isEqualTo(8);
            }
            ProcessResult scan = system.dmg("storage", "scan");
            assertThat(scan.exitCode()).as(scan.toString()).isZero();
        }
    }
}
