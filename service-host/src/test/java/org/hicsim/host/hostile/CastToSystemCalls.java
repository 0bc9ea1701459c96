package org.hicsim.host.hostile;

import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Casts its context to the kernel's class to reach system calls the SPI does not offer. */
public final class CastToSystemCalls extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, ((SystemCalls)context).revoke(request.argument(0)));
    }
}
