package org.hicsim.core0.request;

import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.spi.Message;

/**
 * Runs an endpoint's server on one delivered request, inside the kernel's bound on nested calls: the kernel's
 * call path, handed to the request path at boot.
 */
@FunctionalInterface
public interface EndpointInvoker
{
    /**
     * @return {@code Rendezvous.SERVED} when {@code reply} holds the answer, or another code when the server
     * could not answer.
     */
    int invoke(Endpoint endpoint, int callerSandboxId, Message request, Message reply);
}
