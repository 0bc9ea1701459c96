package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Opens a private field of an SPI class through reflection. */
public final class SetAccessible extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        try
        {
            Message.class.getDeclaredField("payload").setAccessible(true);
        }
        catch (final Exception ex)
        {
            reply.status(-1);
        }
    }
}
