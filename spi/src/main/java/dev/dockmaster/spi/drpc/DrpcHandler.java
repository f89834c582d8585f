package dev.dockmaster.spi.drpc;

/** Answers one received message with one message; must not throw for bad input (it answers with a status). */
@FunctionalInterface
public interface DrpcHandler {

    byte[] handle(byte[] message);
}
