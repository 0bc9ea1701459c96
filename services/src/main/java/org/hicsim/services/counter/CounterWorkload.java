package org.hicsim.services.counter;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.workload.RequestShaper;

/**
 * Clients of the counter: every request adds 1 to the counter {@value #NAME}, and every answer is checked. The
 * counter serves one request at a time, so while its state is kept the values it answers are 1, 2, 3, … each
 * once, and the highest equals the number of ADDs answered OK; a count lost (a new instance started empty, a
 * state not carried over) answers some value again, and {@link #lostWrites()} tells how many.
 */
public final class CounterWorkload implements RequestShaper
{
    public static final String NAME = "requests";

    private static final byte[] NAME_BYTES = NAME.getBytes(StandardCharsets.US_ASCII);

    private long addsAnswered;
    private long highestValue;

    @Override
    public int setupCount()
    {
        return 0;
    }

    @Override
    public void setup(final int index, final Message request)
    {
        throw new IndexOutOfBoundsException("index=" + index + " setupCount=0");
    }

    @Override
    public boolean opensConnections()
    {
        return false;
    }

    @Override
    public void open(final Message request, final ConnectionClass connectionClass, final long key)
    {
        throw new IllegalStateException("the counter's clients open no connections");
    }

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

    @Override
    public void close(final Message request)
    {
        throw new IllegalStateException("the counter's clients open no connections");
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
