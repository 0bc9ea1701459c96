package org.hicsim.host.sample;

import org.hicsim.core0.spi.Message;

/** Stores just past the end of its own memory on every request. */
public final class PageFaults extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        context.storeLong(context.memoryBase() + context.memoryBytes(), 1);
    }
}
