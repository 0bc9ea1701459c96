package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Learns whether another sandbox interned a string: a channel between sandboxes through the JVM's string pool. */
public final class InternChannel extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        final String probe = new String(new char[] { (char)request.argument(0) });
        reply.argument(0, probe.intern() == probe ? 1 : 0);
    }
}
