package org.hicsim.host.hostile;

import java.util.Random;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/** Draws from a generator seeded by the wall clock. */
public final class UnseededRandom extends NoOpService
{
    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, new Random().nextLong());
    }
}
