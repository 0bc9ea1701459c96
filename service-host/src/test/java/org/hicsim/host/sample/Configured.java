package org.hicsim.host.sample;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * Reads its configuration at start and takes newer ones: a {@link #LIMIT_KEY} it keeps in sandbox memory, refusing
 * a negative one; a configuration with {@link #CRASH_KEY} makes {@code configure} throw. Each request's reply
 * carries the limit (argument 0), the version its context answers (argument 1) and one draw of its random source
 * (argument 2).
 */
public final class Configured extends NoOpService
{
    public static final String LIMIT_KEY = "limit";
    public static final long LIMIT_DEFAULT = 10;
    public static final String CRASH_KEY = "crash";

    @Override
    public void init(final ServiceContext context)
    {
        super.init(context);
        context.storeLong(context.memoryBase(), context.configuration().integer(LIMIT_KEY, LIMIT_DEFAULT));
    }

    @Override
    public int configure(final Configuration configuration)
    {
        if (configuration.contains(CRASH_KEY))
        {
            throw new IllegalStateException("asked to crash");
        }
        final long limit;
        try
        {
            limit = configuration.integer(LIMIT_KEY, LIMIT_DEFAULT);
        }
        catch (final IllegalArgumentException malformed)
        {
            return Status.INVALID_ARGUMENT;
        }
        if (limit < 0)
        {
            return Status.INVALID_ARGUMENT;
        }
        context.storeLong(context.memoryBase(), limit);
        return Status.OK;
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.status(Status.OK)
            .argument(0, context.loadLong(context.memoryBase()))
            .argument(1, context.configuration().version())
            .argument(2, context.nextRandom());
    }
}
