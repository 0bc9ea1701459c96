package org.hicsim.services.counter;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.workload.ConnectionlessShaper;

/**
 * Clients of the counter: every request adds 1 to the counter {@value #NAME}, and every answer is checked. The
 * counter serves one request at a time, so while its state is kept the values it answers are 1, 2, 3, … each
 * once, and the highest equals the number of ADDs answered OK; a count lost (a new instance started empty, a
 * state not carried over) answers some value again, and {@link #lostWrites()} tells how many.
 */
public final class CounterWorkload extends ConnectionlessShaper
{
    public static final String NAME = "requests";

    private static final byte[] NAME_BYTES = NAME.getBytes(StandardCharsets.US_ASCII);

    private long addsAnswered;
    private long highestValue;

    @Override
    public void request(
        final Message request, final ConnectionClass connectionClass, final long key, final SplittableRandom random)
    {
        request.clear().operation(CounterProtocol.ADD).argument(0, 1).payload(NAME_BYTES, 0, NAME_BYTES.length);
    }

    @Override
    public void replied(final long key, final int operation, final Message reply)
    {
        if (operation == CounterProtocol.ADD && reply.status() == Status.OK)
        {
            addsAnswered++;
            highestValue = Math.max(highestValue, reply.argument(0));
        }
    }

    /** ADDs answered OK so far. */
    public long addsAnswered()
    {
        return addsAnswered;
    }

    /** ADDs answered OK that the counter's value no longer counts: 0 while its state is kept. */
    public long lostWrites()
    {
        return addsAnswered - highestValue;
    }
}
