package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Walks from its own class to its class loader, and from there to its parent. */
public final class OwnClassLoader extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, getClass().getClassLoader().getParent().hashCode());
    }
}
