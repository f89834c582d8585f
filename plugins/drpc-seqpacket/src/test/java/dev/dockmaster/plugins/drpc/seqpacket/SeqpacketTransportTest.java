package dev.dockmaster.plugins.drpc.seqpacket;

import dev.dockmaster.spi.drpc.DrpcTransport;
import org.newsclub.net.unix.AFSocketType;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.IOException;
import java.nio.file.Path;

/** The transport contract against the SOCK_SEQPACKET transport. */
class SeqpacketTransportTest extends DrpcTransportContract {

    @Override
    protected DrpcTransport newTransport() {
        return new SeqpacketTransport(16);
    }

    @Override
    protected void leaveStaleSocketFile(Path path) throws IOException {
        // Bound and closed without unlinking: the file stays, and connecting to it is refused.
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance(AFSocketType.SOCK_SEQPACKET);
        socket.bind(AFUNIXSocketAddress.of(path));
        socket.listen(1);
        socket.close();
    }
}
