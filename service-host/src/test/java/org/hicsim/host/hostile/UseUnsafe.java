package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Reads raw memory of the simulator's JVM. */
public final class UseUnsafe extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, sun.misc.Unsafe.getUnsafe().getLong(request.argument(0)));
    }
}
