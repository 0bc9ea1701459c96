package org.hicsim.services.sample;

import org.hicsim.core0.spi.Message;

/**
 * A payload checksum for the fixture service {@code Echo}: reached only through {@link EchoReplies}, so a
 * bundle that holds it shows that the build follows references transitively.
 */
final class EchoChecksum
{
    private EchoChecksum()
    {
    }

    static long of(final Message message)
    {
        long sum = 0;
        for (int i = 0; i < message.payloadLength(); i++)
        {
            sum = sum * 31 + message.payloadByte(i);
        }
        return sum;
    }
}
