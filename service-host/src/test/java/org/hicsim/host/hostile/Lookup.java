package org.hicsim.host.hostile;

import java.lang.invoke.MethodHandles;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Takes a full-privilege lookup, the door to method handles on anything. */
public final class Lookup extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, MethodHandles.lookup().hashCode());
    }
}
