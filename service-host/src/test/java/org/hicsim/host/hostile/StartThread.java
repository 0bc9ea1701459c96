package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Runs code outside every call the host makes. */
public final class StartThread extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        new Thread(() -> reply.status(-1)).start();
    }
}
