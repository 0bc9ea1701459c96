package org.hicsim.services.common;

import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Status;

/**
 * A {@link PhasedService} that holds no connections of its own: there is no connection to migrate or activate,
 * and all its state is global, so all of it moves with the snapshot. {@code prepare_migration} freezes it,
 * the export is its consistency point (from then on what would change its state is the importer's to serve),
 * {@code abort_migration} thaws it, {@code complete_migration} retires it. What stays with the subclass is its
 * state, its requests, its snapshot, and how long it takes to become quiet.
 */
public abstract class ConnectionlessService extends PhasedService
{
    /**
     * Whether the frozen instance is quiet at {@code level} now. Quiet at every level at once by default: each
     * request is served whole and leaves nothing open.
     */
    protected boolean isQuiescent(final Quiescence level)
    {
        return true;
    }

    @Override
    public final int migrateConnection(final long connectionId, final ConnectionTarget target)
    {
        return Status.UNKNOWN_CONNECTION;
    }

    @Override
    public final int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        return Status.UNKNOWN_CONNECTION;
    }

    @Override
    public final boolean prepareMigration(final Quiescence level)
    {
        phase().freeze();
        return isQuiescent(level);
    }

    @Override
    public final void completeMigration()
    {
        phase().complete();
    }

    @Override
    public final void abortMigration()
    {
        phase().abort();
    }
}
