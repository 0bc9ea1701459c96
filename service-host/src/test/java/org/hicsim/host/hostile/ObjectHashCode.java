package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Replies with an identity hash, asked of a plain object through Object.hashCode. */
public final class ObjectHashCode extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, new Object().hashCode());
    }
}
