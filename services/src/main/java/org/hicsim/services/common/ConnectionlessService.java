package org.hicsim.services.common;

import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.Status;

/**
 * A service that holds no connections of its own and whose part in a rolling update is its {@link PhaseWord}:
 * there is no connection to migrate or activate, {@code prepare_migration} freezes it, {@code abort_migration}
 * thaws it, {@code complete_migration} and {@code shutdown} retire it. What stays with the subclass is its
 * state, its requests, its snapshot, and how long it takes to become quiet.
 */
public abstract class ConnectionlessService implements Service
{
    /** This instance's phase word, made in {@code init}. */
    protected abstract PhaseWord phase();

    /**
     * Whether the frozen instance is quiet at {@code level} now. Quiet at every level at once by default: each
     * request is served whole and leaves nothing open.
     */
    protected boolean isQuiescent(final Quiescence level)
    {
        return true;
    }

    @Override
    public final void shutdown()
    {
        phase().retire();
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
