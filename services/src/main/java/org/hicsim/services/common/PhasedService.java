package org.hicsim.services.common;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;

/**
 * A service whose part in a rolling update is a {@link PhaseWord}, and what that phase means for its requests:
 * every reply echoes its request's operation and connection, a retired instance answers every request
 * {@link Status#MIGRATED} (whatever it served would be lost with it), {@code shutdown} retires it, and a snapshot
 * exported after {@code prepare_migration} or accepted on import steps the phase. The subclass writes and reads
 * its snapshots and serves the rest, told what a request that changes its global state must be answered now.
 */
public abstract class PhasedService implements Service
{
    /** This instance's phase word, made in {@code init}. */
    protected abstract PhaseWord phase();

    /**
     * Serves a request to an instance that is not retired; {@code reply} is cleared and echoes the request.
     *
     * @param refusal {@link Status#OK} when the instance may change its global state; else what a request that
     *                would change it is answered: {@link Status#BUSY} while frozen for the consistency point,
     *                {@link Status#MIGRATED} once the state is the importer's.
     */
    protected abstract void serve(Message request, Message reply, int refusal);

    /**
     * The snapshot {@code export_state} hands over, or null when the instance cannot write that state version.
     */
    protected abstract StateSnapshot writeSnapshot(MigrationContext migration);

    /**
     * Loads a snapshot; a refused one leaves nothing behind.
     *
     * @return {@link Status#OK}, or why the snapshot was refused.
     */
    protected abstract int readSnapshot(StateSnapshot snapshot, MigrationContext migration);

    @Override
    public final void handle(final Message request, final Message reply)
    {
        reply.clear().operation(request.operation()).connectionId(request.connectionId());
        if (phase().isRetired())
        {
            reply.status(Status.MIGRATED);
            return;
        }
        serve(request, reply, phase().refusal());
    }

    /** The consistency point after {@code prepare_migration}; a plain read of the state otherwise. */
    @Override
    public final StateSnapshot exportState(final MigrationContext migration)
    {
        final StateSnapshot snapshot = writeSnapshot(migration);
        if (snapshot != null)
        {
            phase().exported();
        }
        return snapshot;
    }

    @Override
    public final int importState(final StateSnapshot snapshot, final MigrationContext migration)
    {
        final int status = readSnapshot(snapshot, migration);
        if (status == Status.OK)
        {
            phase().imported();
        }
        return status;
    }

    /** A service that reads no configuration takes any. */
    @Override
    public int configure(final Configuration configuration)
    {
        return Status.OK;
    }

    @Override
    public final void shutdown()
    {
        phase().retire();
    }
}
