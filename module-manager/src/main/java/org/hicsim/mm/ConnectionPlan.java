package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.agrona.collections.Long2LongHashMap;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;

/**
 * The connections an update moves, as the old instance's snapshot lists them at the consistency point: for each,
 * the instance's own id, the client's id in the dispatch table (0 for a connection no client opened through
 * Core-0's request path), its class and keys, and how far it has got. Arrays indexed by the snapshot's order, so
 * a million connections cost a few tens of bytes each.
 */
final class ConnectionPlan
{
    private static final byte PENDING = 0;
    private static final byte MOVED = 1;
    private static final byte FAILED = 2;
    private static final byte GONE = 3;
    private static final byte BACK = 4;
    private static final ConnectionClass[] CLASSES = ConnectionClass.values();

    private final long[] instanceIds;
    private final long[] clientIds;
    private final long[] userKeys;
    private final long[] deviceKeys;
    private final byte[] classes;
    private final byte[] states;

    private ConnectionPlan(final int size)
    {
        instanceIds = new long[size];
        clientIds = new long[size];
        userKeys = new long[size];
        deviceKeys = new long[size];
        classes = new byte[size];
        states = new byte[size];
    }

    /**
     * @param table       the service's dispatch table, or null if no client ever opened a connection through it.
     * @param oldEndpoint the old instance's endpoint: only connections it owns are mapped to their client ids.
     */
    static ConnectionPlan of(final StateSnapshot snapshot, final ServiceConnections table, final int oldEndpoint)
    {
        final Long2LongHashMap clientByInstanceId = new Long2LongHashMap(0);
        if (table != null)
        {
            table.forEach(clientId ->
            {
                if (table.owner(clientId) == oldEndpoint)
                {
                    clientByInstanceId.put(table.instanceConnectionId(clientId), clientId);
                }
            });
        }
        final List<ConnectionState> connections = snapshot.connections();
        final ConnectionPlan plan = new ConnectionPlan(connections.size());
        for (int i = 0; i < connections.size(); i++)
        {
            final ConnectionState connection = connections.get(i);
            final long instanceId = connection.connectionId();
            final long clientId = clientByInstanceId.get(instanceId);
            plan.instanceIds[i] = instanceId;
            plan.clientIds[i] = clientId;
            plan.userKeys[i] = clientId == 0 ? instanceId : table.userKey(clientId);
            plan.deviceKeys[i] = clientId == 0 ? instanceId : table.deviceKey(clientId);
            plan.classes[i] = (byte)connection.connectionClass().ordinal();
        }
        return plan;
    }

    /**
     * The connections a new instance holds after its predecessor crashed mid-update: those of its read-only
     * snapshot that the dispatch table says it owns are marked moved, so a rollback takes them back.
     */
    static ConnectionPlan movedTo(final StateSnapshot snapshot, final ServiceConnections table, final int endpoint)
    {
        final ConnectionPlan plan = of(snapshot, table, endpoint);
        for (int i = 0; i < plan.size(); i++)
        {
            if (plan.clientIds[i] != 0)
            {
                plan.states[i] = MOVED;
            }
        }
        return plan;
    }

    int size()
    {
        return instanceIds.length;
    }

    long instanceId(final int index)
    {
        return instanceIds[index];
    }

    /** The client's id in the dispatch table, or 0. */
    long clientId(final int index)
    {
        return clientIds[index];
    }

    /** The connections still to move that the stage selects, in snapshot order. */
    List<Integer> select(final Stage stage)
    {
        final List<Integer> selected = new ArrayList<>();
        for (int i = 0; i < states.length; i++)
        {
            if (states[i] == PENDING && stage.selects(CLASSES[classes[i]], userKeys[i], deviceKeys[i]))
            {
                selected.add(i);
            }
        }
        return selected;
    }

    /** The connections that moved, critical classes first (persistent, high, medium, low, idle), each in order. */
    List<Integer> movedCriticalFirst()
    {
        final List<Integer> moved = new ArrayList<>();
        for (int connectionClass = CLASSES.length - 1; connectionClass >= 0; connectionClass--)
        {
            for (int i = 0; i < states.length; i++)
            {
                if (states[i] == MOVED && classes[i] == connectionClass)
                {
                    moved.add(i);
                }
            }
        }
        return moved;
    }

    /** Whether the connection is on the new instance now. */
    boolean hasMoved(final int index)
    {
        return states[index] == MOVED;
    }

    void moved(final int index)
    {
        states[index] = MOVED;
    }

    void failed(final int index)
    {
        states[index] = FAILED;
    }

    /** The connection closed while the update ran. */
    void gone(final int index)
    {
        states[index] = GONE;
    }

    /** The connection went back to the old instance in a rollback. */
    void back(final int index)
    {
        states[index] = BACK;
    }
}
