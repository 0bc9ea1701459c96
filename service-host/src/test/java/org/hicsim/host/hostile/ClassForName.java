package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Looks the kernel up by name. */
public final class ClassForName extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        try
        {
            Class.forName("org.hicsim.core0.Kernel");
        }
        catch (final Exception ex)
        {
            reply.status(-1);
        }
    }
}
