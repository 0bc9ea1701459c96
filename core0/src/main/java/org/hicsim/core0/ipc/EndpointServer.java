package org.hicsim.core0.ipc;

import org.hicsim.core0.spi.Message;

/**
 * What serves the synchronous calls made on an endpoint (seL4's Call meeting a server waiting in Recv): the
 * host's adapter that hands the request to the service running in the endpoint owner's sandbox.
 */
@FunctionalInterface
public interface EndpointServer
{
    /**
     * Serves one call. {@code request} and {@code reply} are Core-0's copies, not the caller's objects, valid only
     * during the call; the reply starts cleared.
     *
     * @return {@link Rendezvous#SERVED} when {@code reply} holds the answer (whose own status may be an error);
     * anything else says the server could not answer, and the caller is told the call failed.
     */
    int serve(int callerSandboxId, Message request, Message reply);
}
