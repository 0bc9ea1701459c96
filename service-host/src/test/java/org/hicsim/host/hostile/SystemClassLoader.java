package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Asks for the application class loader, which sees every class of the simulator. */
public final class SystemClassLoader extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, ClassLoader.getSystemClassLoader().hashCode());
    }
}
