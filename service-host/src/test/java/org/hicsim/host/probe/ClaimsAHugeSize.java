package org.hicsim.host.probe;

import java.util.AbstractList;
import java.util.ArrayList;

import org.hicsim.core0.spi.Message;
import org.hicsim.host.sample.NoOpService;

/**
 * A collection of its own that claims five million elements (within its fuel), handed to the JDK, which would allocate an
 * array of that size before reading a single element.
 */
public final class ClaimsAHugeSize extends NoOpService
{
    private static final class Huge extends AbstractList<Object>
    {
        @Override
        public Object get(final int index)
        {
            return null;
        }

        @Override
        public int size()
        {
            return 5_000_000;
        }
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, new ArrayList<>(new Huge()).size());
    }
}
