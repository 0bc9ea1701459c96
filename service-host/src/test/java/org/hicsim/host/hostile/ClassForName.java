package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Looks the kernel up by name; answers {@link #KERNEL_NOT_FOUND} if its class loader cannot find it. */
public final class ClassForName extends NoOpService
{
    public static final int KERNEL_NOT_FOUND = -1001;

    @Override
    public void handle(final Message request, final Message reply)
    {
        try
        {
            reply.argument(0, Class.forName("org.hicsim.core0.Kernel").getName().length());
        }
        catch (final Exception ex)
        {
            reply.status(KERNEL_NOT_FOUND);
        }
    }
}
