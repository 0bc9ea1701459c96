package org.hicsim.host.sample;

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
 * A service that does nothing well: packed into the jar of each test module, which overrides what it tests
 * (each hostile module one attempt to leave its sandbox).
 */
public abstract class NoOpService implements Service
{
    protected ServiceContext context;

    @Override
    public void init(final ServiceContext context)
    {
        this.context = context;
    }

    @Override
    public int configure(final Configuration configuration)
    {
        return Status.OK;
    }

    @Override
    public void handle(final Message request, final Message reply)
    {
        reply.status(Status.OK);
    }

    @Override
    public void probe(final HealthReport report)
    {
    }

    @Override
    public void shutdown()
    {
    }

    @Override
    public StateSnapshot exportState(final MigrationContext migrationContext)
    {
        return null;
    }

    @Override
    public int importState(final StateSnapshot snapshot, final MigrationContext migrationContext)
    {
        return Status.OK;
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
        return Status.OK;
    }

    @Override
    public boolean prepareMigration(final Quiescence level)
    {
        return true;
    }

    @Override
    public void completeMigration()
    {
    }

    @Override
    public void abortMigration()
    {
    }
}
