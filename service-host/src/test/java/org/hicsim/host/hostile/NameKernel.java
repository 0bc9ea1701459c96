package org.hicsim.host.hostile;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Keeps a kernel in a field, hoping someone hands it one. */
public final class NameKernel extends NoOpService
{
    private Kernel kernel;

    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, kernel == null ? 0 : 1);
    }
}
