package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Blocks the simulator's one thread. */
public final class WaitOnMonitor extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        try
        {
            synchronized (request)
            {
                request.wait();
            }
        }
        catch (final Exception ex)
        {
            reply.status(-1);
        }
    }
}
