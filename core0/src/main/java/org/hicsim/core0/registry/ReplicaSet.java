package org.hicsim.core0.registry;

import java.util.Arrays;

import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointTable;

/**
 * The endpoints of one version of one service interface, its replicas, in the order they were registered, and
 * the round-robin cursor that spreads the calls naming no connection over them.
 * <p>
 * Round robin, not a random pick: which replica takes a call depends only on the calls before it, so a run
 * stays a function of its seed, and every ACTIVE replica takes its turn.
 */
final class ReplicaSet
{
    private static final int INITIAL_LENGTH = 4;

    private int[] endpointIds = new int[INITIAL_LENGTH];
    private int count;
    private int cursor;

    int count()
    {
        return count;
    }

    boolean isEmpty()
    {
        return 0 == count;
    }

    void add(final int endpointId)
    {
        if (count == endpointIds.length)
        {
            endpointIds = Arrays.copyOf(endpointIds, count << 1);
        }
        endpointIds[count++] = endpointId;
    }

    /**
     * Removes a replica, keeping the others in order and the cursor on the replica that was next.
     *
     * @return false if {@code endpointId} is not one of them.
     */
    boolean remove(final int endpointId)
    {
        for (int i = 0; i < count; i++)
        {
            if (endpointIds[i] == endpointId)
            {
                System.arraycopy(endpointIds, i + 1, endpointIds, i, count - i - 1);
                count--;
                if (i < cursor)
                {
                    cursor--;
                }
                if (cursor >= count)
                {
                    cursor = 0;
                }
                return true;
            }
        }
        return false;
    }

    /**
     * The replica that takes the next call, and moves the cursor past it: the first {@link EndpointState#ACTIVE}
     * one from the cursor on. When none is ACTIVE it answers the one at the cursor, whose state the caller then
     * meets as a refusal, and moves nothing. Allocation-free.
     *
     * @return an endpoint id, or {@link EndpointTable#NULL_ID} when there is no replica.
     */
    int next(final EndpointTable endpoints)
    {
        final int index = nextActiveIndex(endpoints);
        if (index < 0)
        {
            return atCursor();
        }
        cursor = index + 1 == count ? 0 : index + 1;
        return endpointIds[index];
    }

    /**
     * What {@link #next} would answer, without moving the cursor.
     */
    int peek(final EndpointTable endpoints)
    {
        final int index = nextActiveIndex(endpoints);
        return index < 0 ? atCursor() : endpointIds[index];
    }

    /**
     * The replicas' endpoint ids in registration order: a copy.
     */
    int[] endpointIds()
    {
        return Arrays.copyOf(endpointIds, count);
    }

    private int atCursor()
    {
        return 0 == count ? EndpointTable.NULL_ID : endpointIds[cursor];
    }

    private int nextActiveIndex(final EndpointTable endpoints)
    {
        for (int step = 0; step < count; step++)
        {
            final int index = cursor + step < count ? cursor + step : cursor + step - count;
            final Endpoint endpoint = endpoints.get(endpointIds[index]);
            if (null != endpoint && endpoint.state() == EndpointState.ACTIVE)
            {
                return index;
            }
        }
        return -1;
    }
}
