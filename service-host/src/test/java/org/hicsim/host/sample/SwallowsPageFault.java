package org.hicsim.host.sample;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/** Faults, catches what unwinds it, and answers as if nothing happened. */
public final class SwallowsPageFault extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        try
        {
            context.storeLong(context.memoryBase() - Long.BYTES, 1);
        }
        catch (final RuntimeException ex)
        {
            reply.status(Status.OK);
        }
    }
}
