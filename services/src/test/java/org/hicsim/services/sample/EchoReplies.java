package org.hicsim.services.sample;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * How the fixture service {@code Echo} answers: the request back, with the payload's checksum in argument 0.
 */
public final class EchoReplies
{
    private EchoReplies()
    {
    }

    public static void echo(final Message request, final Message reply)
    {
        reply.copyFrom(request).status(Status.OK).argument(0, EchoChecksum.of(request));
    }
}
