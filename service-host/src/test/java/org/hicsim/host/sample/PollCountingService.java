package org.hicsim.host.sample;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * Counts, in sandbox memory, the quiescence questions it was asked and the aborts it was told; any request
 * answers argument 0 = polls, argument 1 = aborts, which also shows the service still serving.
 */
public abstract class PollCountingService extends NoOpService
{
    private Counter polls;
    private Counter aborts;

    @Override
    public void init(final ServiceContext context)
    {
        super.init(context);
        polls = new Counter(context, context.memoryBase());
        aborts = new Counter(context, context.memoryBase() + Long.BYTES);
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.argument(0, polls.value()).argument(1, aborts.value()).status(Status.OK);
    }

    @Override
    public boolean prepareMigration(final Quiescence level)
    {
        return isQuiescentAfter(polls.increment());
    }

    @Override
    public void abortMigration()
    {
        aborts.increment();
    }

    protected abstract boolean isQuiescentAfter(long polls);
}
