package org.hicsim.core0.dispatch;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2ObjectHashMap;
import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sim.Trace;
import org.hicsim.core0.spi.Message;

/**
 * Core-0's per-connection dispatch: one {@link ServiceConnections} table per service, consulted on every request
 * that names a connection, and one {@link NewConnectionRule} per service for the connections that open.
 * <p>
 * During a rolling update's dual-active phase (HIC 3.4) this is what sends new and migrated connections to the
 * new instance and the rest to the old one. A connection moves in three steps, each asked by the holder of the
 * service's {@link ObjectKind#DISPATCH_TABLE} capability with {@link Rights#WRITE} (the Module Manager):
 * {@link #freeze} (new requests on it are held, those in flight are served by the old owner), then, once
 * {@link FreezeListener} says nothing is in flight, the state moves, and {@link #assign} names the new owner,
 * which gets the held requests in order. No request is served by two owners, lost, or overtaken by a later one.
 * <p>
 * A request that names no connection (a route or ARP change, a statistics query) is not in any table: it goes
 * to one of the replicas of the service's registry default, like a call through a service capability.
 */
public final class Dispatcher
{
    /** Done. The refusals below are in ResultRange.DISPATCH. */
    public static final int OK = 0;
    /** The id names no open connection of the service (never opened, closed, or the service has no table). */
    public static final int UNKNOWN_CONNECTION = -801;
    /** The connection is frozen or freezing: a request on it waits for {@link #assign}. */
    public static final int HELD = -802;
    /** {@link #freeze}: the connection is not active (still opening, or already freezing). */
    public static final int NOT_ACTIVE = -803;
    /** {@link #assign}: the connection is not frozen yet. */
    public static final int NOT_FROZEN = -804;
    /** The endpoint named is not a live endpoint. */
    public static final int NO_SUCH_ENDPOINT = -805;
    /** The caller's dispatch capability is for another service's table. */
    public static final int OTHER_SERVICE = -806;

    private final CapabilitySystem capabilities;
    private final ServiceRegistry registry;
    private final EndpointTable endpoints;
    private final Trace trace;
    private final AuditSink audit;
    private final Int2ObjectHashMap<ServiceConnections> tables = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<NewConnectionRule> rules = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<Long2ObjectHashMap<FreezeListener>> freezing = new Int2ObjectHashMap<>();
    private final IntHashSet globalHolds = new IntHashSet();
    private HeldRequests heldRequests = (serviceId, connectionId) -> { };

    public Dispatcher(
        final CapabilitySystem capabilities,
        final ServiceRegistry registry,
        final EndpointTable endpoints,
        final Trace trace,
        final AuditSink audit)
    {
        this.capabilities = capabilities;
        this.registry = registry;
        this.endpoints = endpoints;
        this.trace = trace;
        this.audit = audit;
    }

    /** Who releases held requests: the request path, set once at boot. */
    public void heldRequests(final HeldRequests heldRequests)
    {
        this.heldRequests = Objects.requireNonNull(heldRequests, "heldRequests");
    }

    /**
     * @return the service's table, or null if no connection of it was ever opened.
     */
    public ServiceConnections connections(final int serviceId)
    {
        return tables.get(serviceId);
    }

    /** Calls {@code visitor} with every service's table, by ascending service id. */
    public void forEachTable(final Consumer<ServiceConnections> visitor)
    {
        final int[] ids = new int[tables.size()];
        final int[] filled = {0};
        tables.forEachInt((id, table) -> ids[filled[0]++] = id);
        Arrays.sort(ids);
        for (final int id : ids)
        {
            visitor.accept(tables.get(id));
        }
    }

    /**
     * The endpoint a request on {@code connectionId} goes to now. Allocation-free.
     *
     * @return the endpoint id, {@link #HELD} or {@link #UNKNOWN_CONNECTION}.
     */
    public int route(final int serviceId, final long connectionId)
    {
        final ServiceConnections table = tables.get(serviceId);
        return null == table ? UNKNOWN_CONNECTION : table.route(connectionId);
    }

    /**
     * The endpoint a new connection with these keys opens on: the service's rule, or its registry default.
     *
     * @return an endpoint id, or {@link ServiceRegistry#NO_ENDPOINT}.
     */
    public int newConnectionEndpoint(final int serviceId, final long userKey, final long deviceKey)
    {
        final NewConnectionRule rule = rules.get(serviceId);
        final int chosen = null == rule ? NewConnectionRule.DEFAULT_ENDPOINT : rule.route(userKey, deviceKey);
        return chosen == NewConnectionRule.DEFAULT_ENDPOINT ? registry.nextEndpoint(serviceId) : chosen;
    }

    /** The rule new connections of a service follow now. */
    public NewConnectionRule rule(final int serviceId)
    {
        final NewConnectionRule rule = rules.get(serviceId);
        return null == rule ? NewConnectionRule.FOLLOW_DEFAULT : rule;
    }

    /**
     * Sets where a service's new connections go from now on; connections already open stay where they are.
     *
     * @return {@link #OK}, a {@link org.hicsim.core0.cap.CapError} code, or {@link #NO_SUCH_ENDPOINT}.
     */
    public int rule(final int callerSandboxId, final long dispatchHandle, final int serviceId, final NewConnectionRule rule)
    {
        Objects.requireNonNull(rule, "rule");
        final int refused = authorize(callerSandboxId, dispatchHandle, serviceId, "rule");
        if (refused != OK)
        {
            return refused;
        }
        if (!isEndpointOrDefault(rule.primaryEndpoint()) || !isEndpointOrDefault(rule.alternateEndpoint()))
        {
            return refuse(callerSandboxId, serviceId, "rule", "no-such-endpoint", NO_SUCH_ENDPOINT);
        }
        rules.put(serviceId, rule);
        final String detail = "service=" + serviceId + " " + rule;
        trace.record("dispatch.rule", detail);
        audit.record("dispatch.rule", callerSandboxId, detail);
        return OK;
    }

    /**
     * Starts moving a connection: requests on it are held from now on, and {@code listener} is told (at once, or
     * when the last request in flight has been served) that the connection is frozen.
     *
     * @return {@link DispatchState#FROZEN} or {@link DispatchState#FREEZING}, or a negative code:
     * {@link #UNKNOWN_CONNECTION}, {@link #NOT_ACTIVE}, or a capability refusal.
     */
    public int freeze(
        final int callerSandboxId,
        final long dispatchHandle,
        final int serviceId,
        final long connectionId,
        final FreezeListener listener)
    {
        Objects.requireNonNull(listener, "listener");
        final int refused = authorize(callerSandboxId, dispatchHandle, serviceId, "freeze");
        if (refused != OK)
        {
            return refused;
        }
        final ServiceConnections table = tables.get(serviceId);
        if (null == table || table.state(connectionId) == DispatchState.FREE)
        {
            return UNKNOWN_CONNECTION;
        }
        final byte state = table.freeze(connectionId);
        if (state == DispatchState.FREE)
        {
            return NOT_ACTIVE;
        }
        trace.record("dispatch.freeze", "service=" + serviceId + " connection=" + Long.toHexString(connectionId)
            + " owner=" + table.owner(connectionId) + " inFlight=" + table.inFlight(connectionId));
        if (state == DispatchState.FROZEN)
        {
            listener.onFrozen(serviceId, connectionId);
        }
        else
        {
            freezing.computeIfAbsent(serviceId, id -> new Long2ObjectHashMap<>()).put(connectionId, listener);
        }
        return state;
    }

    /**
     * Gives a frozen connection its owner (the new instance, or the old one when a migration is undone) and
     * releases the requests held for it, in order, to that owner.
     *
     * @param instanceConnectionId the owner's own id of the connection.
     * @return {@link #OK}, {@link #UNKNOWN_CONNECTION}, {@link #NOT_FROZEN}, {@link #NO_SUCH_ENDPOINT}, or a
     * capability refusal.
     */
    public int assign(
        final int callerSandboxId,
        final long dispatchHandle,
        final int serviceId,
        final long connectionId,
        final int endpointId,
        final long instanceConnectionId)
    {
        final int refused = authorize(callerSandboxId, dispatchHandle, serviceId, "assign");
        if (refused != OK)
        {
            return refused;
        }
        final ServiceConnections table = tables.get(serviceId);
        if (null == table || table.state(connectionId) == DispatchState.FREE)
        {
            return UNKNOWN_CONNECTION;
        }
        if (!endpoints.contains(endpointId))
        {
            return refuse(callerSandboxId, serviceId, "assign", "no-such-endpoint", NO_SUCH_ENDPOINT);
        }
        final int previous = table.owner(connectionId);
        if (!table.assign(connectionId, endpointId, instanceConnectionId))
        {
            return NOT_FROZEN;
        }
        trace.record("dispatch.assign", "service=" + serviceId + " connection=" + Long.toHexString(connectionId)
            + " from=" + previous + " to=" + endpointId);
        heldRequests.release(serviceId, connectionId);
        return OK;
    }

    /**
     * Undoes a freeze: a connection freezing or frozen goes on with the owner it has, and the requests held for
     * it go there, in order. What a Module Manager restarted after a crash does with moves its predecessor left
     * half done.
     *
     * @return {@link #OK}, {@link #UNKNOWN_CONNECTION}, {@link #NOT_FROZEN} for an active connection, or a capability
     * refusal.
     */
    public int thaw(final int callerSandboxId, final long dispatchHandle, final int serviceId, final long connectionId)
    {
        final int refused = authorize(callerSandboxId, dispatchHandle, serviceId, "thaw");
        if (refused != OK)
        {
            return refused;
        }
        final ServiceConnections table = tables.get(serviceId);
        if (null == table || table.state(connectionId) == DispatchState.FREE)
        {
            return UNKNOWN_CONNECTION;
        }
        if (!table.thaw(connectionId))
        {
            return NOT_FROZEN;
        }
        final Long2ObjectHashMap<FreezeListener> listeners = freezing.get(serviceId);
        if (null != listeners)
        {
            listeners.remove(connectionId);
        }
        trace.record("dispatch.thaw", "service=" + serviceId + " connection=" + Long.toHexString(connectionId)
            + " owner=" + table.owner(connectionId));
        heldRequests.release(serviceId, connectionId);
        return OK;
    }

    /**
     * Holds, or lets go, the service's global work: requests that name no connection and requests that open one.
     * While its global state moves from one instance to another (the consistency point's export until the import
     * is done), a request that would change it must reach neither: it waits here, and when the hold ends it goes
     * where the registry and the rule for new connections say then, in the order it came.
     *
     * @return {@link #OK} or a capability refusal.
     */
    public int holdGlobal(final int callerSandboxId, final long dispatchHandle, final int serviceId, final boolean hold)
    {
        final int refused = authorize(callerSandboxId, dispatchHandle, serviceId, hold ? "hold" : "release");
        if (refused != OK)
        {
            return refused;
        }
        trace.record(hold ? "dispatch.hold" : "dispatch.release", "service=" + serviceId);
        if (hold)
        {
            globalHolds.add(serviceId);
        }
        else if (globalHolds.remove(serviceId))
        {
            heldRequests.release(serviceId, Message.NO_CONNECTION);
        }
        return OK;
    }

    /** Whether the service's global work is held now. Allocation-free. */
    public boolean isGlobalHeld(final int serviceId)
    {
        return globalHolds.contains(serviceId);
    }

    /**
     * Opens a connection in the service's table, owned by {@code endpointId} and waiting for the owner's answer.
     * Called by the request path when a client's open request is sent.
     *
     * @return the client's id of the connection.
     */
    public long open(final int serviceId, final int endpointId, final long userKey, final long deviceKey)
    {
        ServiceConnections table = tables.get(serviceId);
        if (null == table)
        {
            table = new ServiceConnections(serviceId);
            tables.put(serviceId, table);
        }
        return table.open(endpointId, userKey, deviceKey);
    }

    /** The owner answered the open: the connection is active under the owner's own id for it. */
    public boolean opened(final int serviceId, final long connectionId, final long instanceConnectionId)
    {
        final ServiceConnections table = tables.get(serviceId);
        return null != table && table.activate(connectionId, instanceConnectionId);
    }

    /** The connection is gone (closed, its open refused, or its owner died). */
    public boolean close(final int serviceId, final long connectionId)
    {
        final ServiceConnections table = tables.get(serviceId);
        if (null == table)
        {
            return false;
        }
        final Long2ObjectHashMap<FreezeListener> listeners = freezing.get(serviceId);
        if (null != listeners)
        {
            listeners.remove(connectionId);
        }
        return table.close(connectionId);
    }

    /** A request on the connection was sent to its owner. */
    public void sent(final int serviceId, final long connectionId)
    {
        final ServiceConnections table = tables.get(serviceId);
        if (null != table)
        {
            table.sent(connectionId);
        }
    }

    /** A request on the connection was served; the last one of a freezing connection makes it frozen. */
    public void served(final int serviceId, final long connectionId)
    {
        final ServiceConnections table = tables.get(serviceId);
        if (null != table && table.served(connectionId))
        {
            final FreezeListener listener = freezing.get(serviceId).remove(connectionId);
            listener.onFrozen(serviceId, connectionId);
        }
    }

    private boolean isEndpointOrDefault(final int endpointId)
    {
        return endpointId == NewConnectionRule.DEFAULT_ENDPOINT || endpoints.contains(endpointId);
    }

    private int authorize(final int callerSandboxId, final long dispatchHandle, final int serviceId, final String op)
    {
        final int objectId = capabilities.check(callerSandboxId, dispatchHandle, ObjectKind.DISPATCH_TABLE, Rights.WRITE);
        if (objectId < 0)
        {
            return refuse(callerSandboxId, serviceId, op, "capability", objectId);
        }
        if (objectId != serviceId)
        {
            return refuse(callerSandboxId, serviceId, op, "other-service", OTHER_SERVICE);
        }
        return OK;
    }

    private int refuse(final int callerSandboxId, final int serviceId, final String op, final String reason, final int code)
    {
        final String detail = "op=" + op + " service=" + serviceId + " caller=" + callerSandboxId + " reason=" + reason
            + " code=" + code;
        trace.record("dispatch.refused", detail);
        audit.record("dispatch.refused", Math.max(callerSandboxId, CapabilitySystem.CORE0), detail);
        return code;
    }
}
