package org.hicsim.host.sample;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * Forwards every request to its dependency {@link #DEPENDENCY} through a synchronous call and answers with its
 * reply; when the call fails, answers {@link Status#CALL_FAILED} with the kernel's code in argument 0.
 */
public final class ForwardingService extends NoOpService
{
    public static final String DEPENDENCY = "echo";

    @Override
    public void handle(final Message request, final Message reply)
    {
        final int called = context.call(context.capability(DEPENDENCY), request, reply);
        if (called != Status.OK)
        {
            reply.status(Status.CALL_FAILED).argument(0, called);
        }
    }
}
