package dev.dockmaster.core.drpc;

/** Answers one dRPC method: the call's body in, the response's body out. */
@FunctionalInterface
public interface DrpcMethodHandler {

    byte[] handle(byte[] body) throws Exception;
}
