package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Looks a charset up by name, which sends the JDK to the class path for charset providers. */
public final class CharsetByName extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        try
        {
            reply.argument(0, "x".getBytes("no-such-charset").length);
        }
        catch (final Exception ex)
        {
            reply.status(-1);
        }
    }
}
