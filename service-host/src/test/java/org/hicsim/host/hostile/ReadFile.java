package org.hicsim.host.hostile;

import java.io.FileInputStream;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Reads the host's files. */
public final class ReadFile extends NoOpService
{
    @Override
    @SuppressWarnings("resource")
    public void handle(final Message request, final Message reply)
    {
        try
        {
            reply.argument(0, new FileInputStream("/etc/passwd").read());
        }
        catch (final Exception ex)
        {
            reply.status(-1);
        }
    }
}
