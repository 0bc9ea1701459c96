package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.dispatch.DispatchState;
import org.hicsim.core0.dispatch.ServiceConnections;

/**
 * Connections no instance can serve taken out of Core-0's dispatch table, so that their clients reconnect: the next
 * request on each is answered "unknown connection", which is how a client learns to open it again (on the
 * service's default instance). A connection left in the table with a dead or stale owner would instead fail every
 * request for good.
 */
final class ConnectionDrop
{
    private ConnectionDrop()
    {
    }

    /** The client ids of the service's connections whose owner endpoint {@code owner} accepts, in table order. */
    static List<Long> ownedBy(final Kernel kernel, final int serviceId, final IntPredicate owner)
    {
        final ServiceConnections table = kernel.dispatcher().connections(serviceId);
        final List<Long> owned = new ArrayList<>();
        if (table != null)
        {
            table.forEach(clientId ->
            {
                if (owner.test(table.owner(clientId)))
                {
                    owned.add(clientId);
                }
            });
        }
        return owned;
    }

    /**
     * Closes each connection in Core-0's table, thawing first one frozen (or freezing) for a move, whose held
     * requests are let go to its owner.
     *
     * @return how many were frozen or freezing: moves under way, now abandoned.
     */
    static int close(final Kernel kernel, final ServiceRecord record, final int callerSandboxId, final int serviceId,
        final List<Long> clientIds)
    {
        final ServiceConnections table = kernel.dispatcher().connections(serviceId);
        int thawed = 0;
        for (final long clientId : clientIds)
        {
            final byte state = table.state(clientId);
            if (state == DispatchState.FREEZING || state == DispatchState.FROZEN)
            {
                thawed++;
                kernel.dispatcher().thaw(callerSandboxId, record.dispatchHandle(), serviceId, clientId);
            }
            kernel.dispatcher().close(serviceId, clientId);
        }
        return thawed;
    }
}
