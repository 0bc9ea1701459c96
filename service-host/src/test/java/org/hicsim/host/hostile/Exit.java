package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Ends the simulator's JVM. */
public final class Exit extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        System.exit(1);
    }
}
