package org.hicsim.host.probe;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Asks the JDK for a gigabyte in one call: a result the product of two small numbers. */
public final class RepeatsString extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, "ab".repeat(1 << 29).length());
    }
}
