package org.hicsim.host.hostile;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Writes to the host's standard error through an inherited method named through a subclass. */
public final class PrintStackTrace extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        new IllegalStateException("hello").printStackTrace();
    }
}
