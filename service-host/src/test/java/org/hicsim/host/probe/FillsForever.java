package org.hicsim.host.probe;

import java.util.Arrays;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Loops over a JDK method that does a lot per call: each fill of 64 Ki longs is one backward branch. */
public final class FillsForever extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        final long[] values = new long[1 << 16];
        long fills = 0;
        while (request.operation() >= 0)
        {
            Arrays.fill(values, fills++);
        }
        reply.argument(0, fills);
    }
}
