package dev.dockmaster.plugins.drpc.seqpacket;

import java.io.IOException;

/** A message over the transport's limit: refused before sending, or detected on receipt instead of truncated. */
public final class MessageTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    MessageTooLargeException(String what, long size, int max) {
        super(what + " of " + size + " bytes exceeds the dRPC maximum of " + max + " bytes (one SOCK_SEQPACKET"
                + " datagram per message, no chunking)");
    }
}
