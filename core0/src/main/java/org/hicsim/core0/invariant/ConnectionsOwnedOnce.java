package org.hicsim.core0.invariant;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.dispatch.DispatchState;
import org.hicsim.core0.dispatch.ServiceConnections;

/**
 * Every open connection of the dispatch table has exactly one owner: no two of a service's connections name the
 * same instance's same connection (which would be one connection served by two owners, or twice), and each
 * endpoint's count of what it owns is what the table holds.
 */
final class ConnectionsOwnedOnce implements Invariant
{
    @Override
    public String name()
    {
        return "connections.owned-once";
    }

    @Override
    public void check(final Kernel kernel, final ViolationSink sink)
    {
        kernel.dispatcher().forEachTable(table -> check(table, sink));
    }

    private static void check(final ServiceConnections table, final ViolationSink sink)
    {
        final Set<String> owned = new HashSet<>();
        final TreeMap<Integer, Integer> counted = new TreeMap<>();
        final int[] open = {0};
        table.forEach(id ->
        {
            open[0]++;
            final int owner = table.owner(id);
            counted.merge(owner, 1, Integer::sum);
            if (owner <= 0)
            {
                sink.violated("service=" + table.serviceId() + " connection=" + Long.toHexString(id) + " has no owner");
            }
            if (table.state(id) != DispatchState.OPENING
                && !owned.add(owner + ":" + table.instanceConnectionId(id)))
            {
                sink.violated("service=" + table.serviceId() + " endpoint=" + owner + " connection="
                    + table.instanceConnectionId(id) + " is owned by two of the table's connections");
            }
        });
        if (open[0] != table.openCount())
        {
            sink.violated("service=" + table.serviceId() + " holds " + open[0] + " connections but counts "
                + table.openCount());
        }
        counted.forEach((endpoint, count) ->
        {
            if (table.ownedBy(endpoint) != count)
            {
                sink.violated("service=" + table.serviceId() + " endpoint=" + endpoint + " owns " + count
                    + " connections but counts " + table.ownedBy(endpoint));
            }
        });
    }
}
