package org.hicsim.host.probe;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Spins, and catches whatever stops it (a finally, then Throwable), to spin again. */
public final class CatchesEverything extends NoOpService
{
    private long caught;

    @Override
    public void handle(final Message request, final Message reply)
    {
        while (request.operation() >= 0)
        {
            try
            {
                try
                {
                    spin(request);
                }
                finally
                {
                    caught++;
                    spin(request);
                }
            }
            catch (final Throwable thrown)
            {
                caught++;
            }
        }
        reply.argument(0, caught);
    }

    private static void spin(final Message request)
    {
        while (request.operation() >= 0)
        {
            request.argument(0, request.argument(0) + 1);
        }
    }
}
