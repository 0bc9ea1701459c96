package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.Counter;
import org.hicsim.host.sample.NoOpService;

/** Names a class of another module, whose jar this one's does not hold. */
public final class NameOtherModule extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, new Counter(context, context.memoryBase()).increment());
    }
}
