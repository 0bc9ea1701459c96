package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Ends the simulator's JVM without even running its shutdown hooks. */
public final class Halt extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        Runtime.getRuntime().halt(1);
    }
}
