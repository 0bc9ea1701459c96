package org.hicsim.host.sample;

import org.hicsim.core0.spi.Message;

/** Crashes on every request. */
public final class ThrowsInHandle extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        throw new IllegalStateException("request " + request.operation());
    }
}
