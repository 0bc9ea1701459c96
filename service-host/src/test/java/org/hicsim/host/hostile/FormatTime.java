package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Formats with the default locale and time zone, which differ from host to host. */
public final class FormatTime extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, String.format("%tc %,d", 0L, 1234567).hashCode());
    }
}
