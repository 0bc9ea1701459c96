package org.hicsim.host.probe;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/**
 * Recurses until the stack overflows, catches the StackOverflowError and replies with the depth it reached: on an
 * unmetered JVM, a number that changes from call to call and from JVM to JVM.
 */
public final class RecursesAndCatches extends NoOpService
{
    private long deepest;

    @Override
    public void handle(final Message request, final Message reply)
    {
        try
        {
            descend(0);
        }
        catch (final StackOverflowError overflow)
        {
            reply.argument(0, deepest);
        }
    }

    private void descend(final long depth)
    {
        deepest = depth;
        descend(depth + 1);
    }
}
