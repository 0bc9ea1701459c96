package org.hicsim.host.probe;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** A student's first loop: it never ends. */
public final class SpinsForever extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        long spins = 0;
        while (request.operation() >= 0)
        {
            spins++;
        }
        reply.argument(0, spins);
    }
}
