package org.hicsim.cli.sample;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;

/**
 * Replies with the request's arguments and payload, and counts the requests it served in sandbox memory (the
 * health probe reports them as memory in use, so a test sees the count). {@link #CRASH} throws: a crash; so does
 * {@code init} in a sandbox smaller than {@link #MEMORY_BYTES_MIN}.
 */
public final class Echo implements Service
{
    public static final int CRASH = 99;
    public static final long MEMORY_BYTES_MIN = 8 * 1024;

    private final byte[] payload = new byte[Message.PAYLOAD_LENGTH_MAX];
    private ServiceContext context;

    @Override
    public void init(final ServiceContext context)
    {
        if (context.memoryBytes() < MEMORY_BYTES_MIN)
        {
            throw new IllegalStateException("memoryBytes=" + context.memoryBytes());
        }
        this.context = context;
        context.storeLong(context.memoryBase(), 0);
    }

    @Override
    public int configure(final Configuration configuration)
    {
        return Status.OK;
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        if (request.operation() == CRASH)
        {
            throw new IllegalStateException("asked to crash");
        }
        context.storeLong(context.memoryBase(), context.loadLong(context.memoryBase()) + 1);
        final int length = request.copyPayload(payload, 0);
        reply.status(Status.OK).payload(payload, 0, length);
        for (int i = 0; i < Message.ARGUMENT_COUNT; i++)
        {
            reply.argument(i, request.argument(i));
        }
    }

    @Override
    public void probe(final HealthReport report)
    {
        report.memoryInUseBytes(context.loadLong(context.memoryBase()));
    }

    @Override
    public void shutdown()
    {
        // Nothing to release.
    }

    @Override
    public StateSnapshot exportState(final MigrationContext migration)
    {
        return null;
    }

    @Override
    public int importState(final StateSnapshot snapshot, final MigrationContext migration)
    {
        return Status.STATE_VERSION_UNSUPPORTED;
    }

    @Override
    public int migrateConnection(final long connectionId, final ConnectionTarget target)
    {
        return Status.UNKNOWN_CONNECTION;
    }

    @Override
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        return Status.UNKNOWN_CONNECTION;
    }

    @Override
    public boolean prepareMigration(final Quiescence level)
    {
        return true;
    }

    @Override
    public void completeMigration()
    {
        // Nothing kept for a rollback.
    }

    @Override
    public void abortMigration()
    {
        // Nothing to restore.
    }
}
