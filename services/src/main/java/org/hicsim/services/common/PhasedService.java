package org.hicsim.services.common;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.Status;

/**
 * A service whose part in a rolling update is a {@link PhaseWord}, and what that phase means for its requests:
 * every reply echoes its request's operation and connection, a retired instance answers every request
 * {@link Status#BUSY} (whatever it accepted would be lost with it), and {@code shutdown} retires it. The
 * subclass serves the rest, told whether it is serving or frozen.
 */
public abstract class PhasedService implements Service
{
    /** This instance's phase word, made in {@code init}. */
    protected abstract PhaseWord phase();

    /**
     * Serves a request to an instance that is not retired; {@code reply} is cleared and echoes the request.
     *
     * @param serving true when serving, false when frozen for a migration: a frozen instance refuses, with
     *                {@link Status#BUSY}, what would change the state its snapshot holds.
     */
    protected abstract void serve(Message request, Message reply, boolean serving);

    @Override
    public final void handle(final Message request, final Message reply)
    {
        reply.clear().operation(request.operation()).connectionId(request.connectionId());
        if (phase().isRetired())
        {
            reply.status(Status.BUSY);
            return;
        }
        serve(request, reply, phase().isServing());
    }

    @Override
    public final void shutdown()
    {
        phase().retire();
    }
}
