package org.hicsim.host.sample;

import org.hicsim.core0.spi.Message;

/** Overflows the stack on every request. */
public final class RecursesForever extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, depth(request.argument(0)));
    }

    private long depth(final long n)
    {
        return depth(n + 1) + 1;
    }
}
