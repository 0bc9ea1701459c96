package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Encodes with the default charset, which differs from host to host. */
public final class DefaultCharset extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, "\u00e9".getBytes().length);
    }
}
