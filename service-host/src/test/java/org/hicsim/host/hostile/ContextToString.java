package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Reads the kernel's class name and an identity hash from its context. */
public final class ContextToString extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, context.toString().hashCode());
    }
}
