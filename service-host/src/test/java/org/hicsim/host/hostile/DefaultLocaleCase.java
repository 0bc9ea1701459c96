package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Lower-cases with the default locale, which differs from host to host. */
public final class DefaultLocaleCase extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, "TITLE".toLowerCase().hashCode());
    }
}
