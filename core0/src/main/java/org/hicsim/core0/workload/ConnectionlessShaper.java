package org.hicsim.core0.workload;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;

/**
 * A {@link RequestShaper} whose requests name no connection and need no setup: what is left to say is each
 * request's content. The methods about connections refuse to be called, since the workload never calls them for a
 * shaper that opens none.
 */
public abstract class ConnectionlessShaper implements RequestShaper
{
    @Override
    public final int setupCount()
    {
        return 0;
    }

    @Override
    public final void setup(final int index, final Message request)
    {
        throw new IndexOutOfBoundsException("index=" + index + " setupCount=0");
    }

    @Override
    public final boolean opensConnections()
    {
        return false;
    }

    @Override
    public final void open(final Message request, final ConnectionClass connectionClass, final long key)
    {
        throw new IllegalStateException(getClass().getSimpleName() + " opens no connections");
    }

    @Override
    public final void close(final Message request)
    {
        throw new IllegalStateException(getClass().getSimpleName() + " opens no connections");
    }
}
