package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Makes its reply depend on where the JVM put an object, which differs from run to run. */
public final class IdentityHash extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, System.identityHashCode(request));
    }
}
