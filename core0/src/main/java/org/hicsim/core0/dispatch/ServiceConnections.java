package org.hicsim.core0.dispatch;

import java.util.Arrays;

import org.agrona.collections.Int2IntHashMap;

import static org.hicsim.core0.dispatch.ConnectionIdDescriptor.GENERATION_FIRST;

/**
 * One service's connection table: for each connection a client opened, the endpoint of the instance that owns it,
 * the instance's own id for it, the keys it was opened with and its {@link DispatchState}. HIC 3.4's "connection
 * state table for fast lookup": {@link #route} is an array read and a generation compare, allocation-free.
 * <p>
 * Slots are reused through a free list; the generation in the id keeps a closed connection's id from reaching the
 * connection that reuses its slot. The arrays grow by doubling, so a million connections cost about 30 bytes each.
 * Only {@link Dispatcher} changes a table; readers get it from there.
 */
public final class ServiceConnections
{
    /** What {@link #route} answers for an id that names no open connection of this service. */
    public static final int UNKNOWN_CONNECTION = Dispatcher.UNKNOWN_CONNECTION;
    /** What {@link #route} answers for a connection that is frozen or freezing: hold the request. */
    public static final int HELD = Dispatcher.HELD;

    private static final int INITIAL_CAPACITY = 64;
    private static final int NO_SLOT = -1;

    private final int serviceId;
    private int[] endpoint = new int[INITIAL_CAPACITY];
    private long[] instanceConnection = new long[INITIAL_CAPACITY];
    private long[] userKey = new long[INITIAL_CAPACITY];
    private long[] deviceKey = new long[INITIAL_CAPACITY];
    private int[] generation = new int[INITIAL_CAPACITY];
    private int[] inFlight = new int[INITIAL_CAPACITY];
    private int[] nextFree = new int[INITIAL_CAPACITY];
    private byte[] state = new byte[INITIAL_CAPACITY];
    private final Int2IntHashMap ownedByEndpoint = new Int2IntHashMap(0);
    private int freeHead = NO_SLOT;
    private int highWater;
    private int openCount;

    ServiceConnections(final int serviceId)
    {
        this.serviceId = serviceId;
        Arrays.fill(generation, GENERATION_FIRST);
    }

    public int serviceId()
    {
        return serviceId;
    }

    /**
     * The endpoint a request on {@code connectionId} goes to now.
     *
     * @return the owner's endpoint id (positive), {@link #HELD} or {@link #UNKNOWN_CONNECTION}.
     */
    public int route(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        if (slot < 0)
        {
            return UNKNOWN_CONNECTION;
        }
        final byte current = state[slot];
        if (current == DispatchState.ACTIVE)
        {
            return endpoint[slot];
        }
        return current == DispatchState.OPENING ? UNKNOWN_CONNECTION : HELD;
    }

    /** The owner's endpoint, whatever the state; {@link #UNKNOWN_CONNECTION} for a closed or unknown id. */
    public int owner(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        return slot < 0 ? UNKNOWN_CONNECTION : endpoint[slot];
    }

    /** The owning instance's own id of the connection (what its requests carry), or 0 while it opens. */
    public long instanceConnectionId(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        return slot < 0 ? 0 : instanceConnection[slot];
    }

    /** The {@link DispatchState} of a connection; {@link DispatchState#FREE} for a closed or unknown id. */
    public byte state(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        return slot < 0 ? DispatchState.FREE : state[slot];
    }

    public long userKey(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        return slot < 0 ? 0 : userKey[slot];
    }

    public long deviceKey(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        return slot < 0 ? 0 : deviceKey[slot];
    }

    /** Requests sent to the owner and not yet served. */
    public int inFlight(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        return slot < 0 ? 0 : inFlight[slot];
    }

    /** Open connections (every state but free). */
    public int openCount()
    {
        return openCount;
    }

    /** Connections an endpoint owns, in any state but free. */
    public int ownedBy(final int endpointId)
    {
        return ownedByEndpoint.get(endpointId);
    }

    /**
     * Calls {@code visitor} with every open connection's id, in slot order: the same order in every run.
     */
    public void forEach(final ConnectionVisitor visitor)
    {
        for (int slot = 0; slot < highWater; slot++)
        {
            if (state[slot] != DispatchState.FREE)
            {
                visitor.visit(ConnectionIdDescriptor.connectionId(slot, generation[slot]));
            }
        }
    }

    long open(final int endpointId, final long user, final long device)
    {
        final int slot = claimSlot();
        endpoint[slot] = endpointId;
        instanceConnection[slot] = 0;
        userKey[slot] = user;
        deviceKey[slot] = device;
        inFlight[slot] = 0;
        state[slot] = DispatchState.OPENING;
        own(endpointId);
        openCount++;
        return ConnectionIdDescriptor.connectionId(slot, generation[slot]);
    }

    boolean activate(final long connectionId, final long instanceConnectionId)
    {
        final int slot = liveSlot(connectionId);
        if (slot < 0 || state[slot] != DispatchState.OPENING)
        {
            return false;
        }
        instanceConnection[slot] = instanceConnectionId;
        state[slot] = DispatchState.ACTIVE;
        return true;
    }

    boolean close(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        if (slot < 0)
        {
            return false;
        }
        disown(endpoint[slot]);
        state[slot] = DispatchState.FREE;
        generation[slot] = ConnectionIdDescriptor.nextGeneration(generation[slot]);
        nextFree[slot] = freeHead;
        freeHead = slot;
        openCount--;
        return true;
    }

    void sent(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        if (slot >= 0)
        {
            inFlight[slot]++;
        }
    }

    /**
     * A request on the connection was served.
     *
     * @return true when that was the last one in flight of a connection that is freezing: it is now frozen.
     */
    boolean served(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        if (slot < 0)
        {
            return false;
        }
        final int left = --inFlight[slot];
        if (left == 0 && state[slot] == DispatchState.FREEZING)
        {
            state[slot] = DispatchState.FROZEN;
            return true;
        }
        return false;
    }

    /** @return the new state, or {@link DispatchState#FREE} if the connection is not active. */
    byte freeze(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        if (slot < 0 || state[slot] != DispatchState.ACTIVE)
        {
            return DispatchState.FREE;
        }
        state[slot] = inFlight[slot] == 0 ? DispatchState.FROZEN : DispatchState.FREEZING;
        return state[slot];
    }

    /** A connection that was freezing or frozen is active again with the owner it had; false if it was not. */
    boolean thaw(final long connectionId)
    {
        final int slot = liveSlot(connectionId);
        if (slot < 0 || (state[slot] != DispatchState.FREEZING && state[slot] != DispatchState.FROZEN))
        {
            return false;
        }
        state[slot] = DispatchState.ACTIVE;
        return true;
    }

    /** Hands a frozen connection to an owner (the new one, or the old one on an abort) and makes it active. */
    boolean assign(final long connectionId, final int endpointId, final long instanceConnectionId)
    {
        final int slot = liveSlot(connectionId);
        if (slot < 0 || state[slot] != DispatchState.FROZEN)
        {
            return false;
        }
        final int previous = endpoint[slot];
        if (previous != endpointId)
        {
            disown(previous);
            own(endpointId);
        }
        endpoint[slot] = endpointId;
        instanceConnection[slot] = instanceConnectionId;
        state[slot] = DispatchState.ACTIVE;
        return true;
    }

    private void own(final int endpointId)
    {
        ownedByEndpoint.put(endpointId, ownedByEndpoint.get(endpointId) + 1);
    }

    private void disown(final int endpointId)
    {
        final int owned = ownedByEndpoint.get(endpointId) - 1;
        if (owned == 0)
        {
            ownedByEndpoint.remove(endpointId);
        }
        else
        {
            ownedByEndpoint.put(endpointId, owned);
        }
    }

    private int liveSlot(final long connectionId)
    {
        final int slot = ConnectionIdDescriptor.slot(connectionId);
        if (slot < 0 || slot >= highWater || state[slot] == DispatchState.FREE
            || generation[slot] != ConnectionIdDescriptor.generation(connectionId))
        {
            return -1;
        }
        return slot;
    }

    private int claimSlot()
    {
        if (freeHead != NO_SLOT)
        {
            final int slot = freeHead;
            freeHead = nextFree[slot];
            return slot;
        }
        if (highWater == endpoint.length)
        {
            grow();
        }
        return highWater++;
    }

    private void grow()
    {
        final int oldLength = endpoint.length;
        if (oldLength == Integer.MAX_VALUE - 8)
        {
            throw new IllegalStateException("serviceId=" + serviceId + " has " + oldLength + " connections, the most");
        }
        final int length = (int)Math.min((long)oldLength * 2, Integer.MAX_VALUE - 8);
        endpoint = Arrays.copyOf(endpoint, length);
        instanceConnection = Arrays.copyOf(instanceConnection, length);
        userKey = Arrays.copyOf(userKey, length);
        deviceKey = Arrays.copyOf(deviceKey, length);
        generation = Arrays.copyOf(generation, length);
        Arrays.fill(generation, oldLength, length, GENERATION_FIRST);
        inFlight = Arrays.copyOf(inFlight, length);
        nextFree = Arrays.copyOf(nextFree, length);
        state = Arrays.copyOf(state, length);
    }

    /** Receives connection ids from {@link #forEach}. */
    @FunctionalInterface
    public interface ConnectionVisitor
    {
        void visit(long connectionId);
    }
}
