package org.hicsim.core0.ipc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.hicsim.core0.fault.Faults;
import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.sim.Simulation;

/**
 * Core-0's endpoints by id: creates them, moves them through their lifecycle and removes them, tracing and
 * auditing each change.
 * <p>
 * Ids count up from 1 and are never reused within a run, so an id kept after its endpoint was removed is
 * detectably stale ({@link #get} answers null) rather than silently naming a newer endpoint.
 */
public final class EndpointTable
{
    /** The id no endpoint has: what a lookup that found nothing answers. */
    public static final int NULL_ID = 0;
    private static final int INITIAL_CAPACITY = 16;

    private final Simulation simulation;
    private final AuditSink audit;
    /** Indexed by id: ids are dense and never reused, and every request looks endpoints up several times. */
    private Endpoint[] endpointsById = new Endpoint[INITIAL_CAPACITY];
    private int liveCount;
    private final List<Consumer<Endpoint>> removalListeners = new ArrayList<>();
    private int nextId = 1;
    private Faults faults;

    public EndpointTable(final Simulation simulation, final AuditSink audit)
    {
        this.simulation = simulation;
        this.audit = audit;
    }

    /**
     * Subjects the messages of endpoints made from now on to the IPC fault points of {@code faults}
     * ({@link Endpoint#send}).
     */
    public void useFaults(final Faults faults)
    {
        this.faults = faults;
    }

    /**
     * Creates an INACTIVE endpoint.
     *
     * @param name      a label for traces and audit records, without whitespace.
     * @param capacity  ring bytes, a power of two (see {@link EndpointRecordDescriptor#checkCapacity}).
     * @param latencyNs virtual time from send to delivery.
     * @return the new endpoint's id.
     */
    public int create(
        final String name, final int ownerSandboxId, final EndpointType type, final int capacity, final long latencyNs)
    {
        checkName(name);
        if (null == type)
        {
            throw new NullPointerException("type");
        }
        if (nextId == Integer.MAX_VALUE)
        {
            throw new IllegalStateException("endpoint ids exhausted, nextId=" + nextId);
        }
        final int id = nextId;
        final Endpoint endpoint = new Endpoint(id, name, ownerSandboxId, type, capacity, latencyNs, simulation);
        endpoint.useFaults(faults);
        nextId++;
        if (id == endpointsById.length)
        {
            endpointsById = Arrays.copyOf(endpointsById, id << 1);
        }
        endpointsById[id] = endpoint;
        liveCount++;

        final String detail = "id=" + id + " name=" + name + " owner=" + ownerSandboxId + " type=" + type +
            " capacity=" + capacity + " latencyNs=" + latencyNs;
        simulation.trace().record("ipc.create", detail);
        audit.record("ipc.create", ownerSandboxId, detail);
        return id;
    }

    /**
     * @return the endpoint, or null if {@code id} never named one or names a removed one.
     */
    public Endpoint get(final int id)
    {
        return id > NULL_ID && id < endpointsById.length ? endpointsById[id] : null;
    }

    public boolean contains(final int id)
    {
        return get(id) != null;
    }

    /**
     * @return the ids of the live endpoints {@code ownerSandboxId} owns, in ascending order.
     */
    public int[] idsOwnedBy(final int ownerSandboxId)
    {
        return Arrays.stream(endpointsById)
            .filter(endpoint -> endpoint != null && endpoint.ownerSandboxId() == ownerSandboxId)
            .mapToInt(Endpoint::id)
            .toArray();
    }

    /** Live endpoints. */
    public int size()
    {
        return liveCount;
    }

    /**
     * Moves an endpoint to {@code next}; moving to the state it is in changes nothing and records nothing.
     *
     * @throws IllegalArgumentException if {@code id} names no live endpoint.
     * @throws IllegalStateException    if {@link EndpointState#canMoveTo} forbids the move.
     */
    public void moveTo(final int id, final EndpointState next)
    {
        final Endpoint endpoint = require(id);
        final EndpointState current = endpoint.state();
        if (current == next)
        {
            return;
        }
        if (!current.canMoveTo(next))
        {
            throw new IllegalStateException("endpoint id=" + id + " cannot move from=" + current + " to=" + next);
        }
        endpoint.state(next);

        final String detail = "id=" + id + " from=" + current + " to=" + next;
        simulation.trace().record("ipc.state", detail);
        audit.record("ipc.state", endpoint.ownerSandboxId(), detail);
    }

    /**
     * Makes {@code server} serve the synchronous calls on an endpoint, for as long as the endpoint lives.
     *
     * @throws IllegalArgumentException if {@code id} names no live endpoint.
     * @throws IllegalStateException    if the endpoint has a server already.
     */
    public void serve(final int id, final EndpointServer server)
    {
        final Endpoint endpoint = require(id);
        if (null != endpoint.rendezvous())
        {
            throw new IllegalStateException("endpoint id=" + id + " has a server already");
        }
        endpoint.rendezvous(new Rendezvous(server));

        final String detail = "id=" + id + " owner=" + endpoint.ownerSandboxId();
        simulation.trace().record("ipc.serve", detail);
        audit.record("ipc.serve", endpoint.ownerSandboxId(), detail);
    }

    /**
     * Tells {@code listener} of every endpoint removed from now on, once it is gone from the table, so whatever
     * names endpoints (the service registry) forgets it on every path that removes one. Listeners are told in the
     * order they were added.
     */
    public void addRemovalListener(final Consumer<Endpoint> listener)
    {
        removalListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes an endpoint in whatever state it is; messages still queued are discarded, and their number is
     * in the trace and the audit record so the loss is visible.
     *
     * @return false if {@code id} names no live endpoint.
     */
    public boolean remove(final int id)
    {
        final Endpoint endpoint = get(id);
        if (null == endpoint)
        {
            return false;
        }
        endpointsById[id] = null;
        liveCount--;
        final String detail = "id=" + id + " state=" + endpoint.state() + " discarded=" + endpoint.pendingCount();
        simulation.trace().record("ipc.remove", detail);
        audit.record("ipc.remove", endpoint.ownerSandboxId(), detail);
        for (final Consumer<Endpoint> listener : removalListeners)
        {
            listener.accept(endpoint);
        }
        return true;
    }

    private Endpoint require(final int id)
    {
        final Endpoint endpoint = get(id);
        if (null == endpoint)
        {
            throw new IllegalArgumentException("no endpoint id=" + id);
        }
        return endpoint;
    }

    private static void checkName(final String name)
    {
        if (null == name || name.isEmpty() || name.chars().anyMatch(Character::isWhitespace))
        {
            throw new IllegalArgumentException("name=\"" + name + "\" must be non-empty without whitespace");
        }
    }
}
