package org.hicsim.host.sample;

import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * A service whose one connection has a buffer page, moved as netstack moves a connection's buffers: made a
 * region, transferred to the target, delivered with its handle; and taken (back) by mapping the region at the
 * buffer's place. {@link #WRITE} and {@link #READ} touch the buffer, so a page that is not mapped any more is a
 * page fault; {@link #ACTIVATIONS} answers how many connections it took.
 */
public final class RegionMover extends NoOpService
{
    public static final int WRITE = 1;
    public static final int READ = 2;
    public static final int ACTIVATIONS = 3;
    public static final byte[] CONNECTION_STATE = { 9 };

    private static final long ACTIVATIONS_OFFSET = 0;
    private static final long BUFFER_OFFSET = 8 * 4096;

    private Counter activations;
    private long buffer;

    @Override
    public void init(final ServiceContext context)
    {
        super.init(context);
        activations = new Counter(context, context.memoryBase() + ACTIVATIONS_OFFSET);
        buffer = context.memoryBase() + BUFFER_OFFSET;
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        switch (request.operation())
        {
            case WRITE:
                context.storeLong(buffer, request.argument(0));
                break;
            case READ:
                reply.argument(0, context.loadLong(buffer));
                break;
            case ACTIVATIONS:
                reply.argument(0, activations.value());
                break;
            default:
                reply.status(Status.UNKNOWN_OPERATION);
                return;
        }
        reply.status(Status.OK);
    }

    @Override
    public int migrateConnection(final long connectionId, final ConnectionTarget target)
    {
        final long region = context.createRegion(buffer, 1);
        if (region < 0)
        {
            return Status.INTERNAL_ERROR;
        }
        final long moved = context.transfer(region, target.sandboxId());
        if (moved < 0)
        {
            context.delete(region);
            return Status.INTERNAL_ERROR;
        }
        return target.deliver(connectionId, CONNECTION_STATE, CONNECTION_STATE.length, moved);
    }

    @Override
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        final int mapped = context.mapRegion(bufferRegionHandle, buffer);
        if (mapped != Status.OK)
        {
            return mapped;
        }
        context.delete(bufferRegionHandle);
        activations.increment();
        return Status.OK;
    }
}
