package org.hicsim.core0.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.agrona.collections.Int2ObjectHashMap;
import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.sim.Trace;

/**
 * Core-0's service registry: versioned names ({@code cap://netstack/v1.3.0/tcp}) map to IPC endpoints, and each
 * {@link ServiceInterface} ({@code netstack/tcp}) has one default version, the one its clients reach.
 * <p>
 * <b>Replicas.</b> A version may be served by several instances: each registration of the same name adds one
 * endpoint, a replica, to that version. A call that names no connection reaches one of the default version's
 * ACTIVE replicas, taken in turn ({@link #nextEndpoint}); whoever routes a connection to one instance (the
 * per-connection dispatch table) finds a version's endpoints with {@link #replicas}.
 * <p>
 * <b>Service ids.</b> A client's service capability names a <em>service id</em>, one per service interface, not an
 * endpoint: each call resolves it, so after {@link #switchDefault} the very next call reaches the new version.
 * The switch is one assignment in a single-threaded kernel, hence atomic; messages already queued on the old
 * endpoints stay there for their servers to drain, and the old version stays addressable (for rollback) until
 * {@link #remove removed}. A service id is never retired within a run: when every version is removed, or every
 * replica dies, the id stays with no endpoint behind it (calls are refused with no endpoint), and a version
 * registered later serves the same capabilities again, so a crashed service that is restarted is reached by
 * the clients it had. An interface costs one small entry for the run; ids are never reused.
 * <p>
 * <b>Dead instances.</b> An endpoint removed from the {@link EndpointTable} (its sandbox died or was shut down)
 * leaves its version at once; a version whose last replica leaves loses its name, so the same version can be
 * loaded and registered again. A default version that loses its last replica stays the default: the restart of
 * that version, or a switch, is what brings calls back, never a silent fall-back to another version.
 * <p>
 * Every registration, switch, removal, departure and refusal is traced and audited. Listings follow name order.
 */
public final class ServiceRegistry
{
    /** What a lookup answers when no endpoint is bound. */
    public static final int NO_ENDPOINT = EndpointTable.NULL_ID;
    /** What a lookup answers when no service interface is registered. */
    public static final int NO_SERVICE = 0;

    /** The operation was done. The refusals below are in ResultRange.REGISTRY. */
    public static final int OK = 0;
    /** {@link #register}: the endpoint is registered already, under this name or another. */
    public static final int ENDPOINT_REGISTERED = -601;
    /** {@link #register}: the endpoint id names no live endpoint. */
    public static final int UNKNOWN_ENDPOINT = -602;
    /** {@link #switchDefault}, {@link #remove}: the versioned name is not registered. */
    public static final int UNKNOWN_NAME = -603;
    /** {@link #switchDefault}: no replica of the target version is ACTIVE, so none could serve the calls. */
    public static final int ENDPOINT_NOT_ACTIVE = -604;
    /** {@link #remove}: the name is its interface's default while other versions exist; switch away first. */
    public static final int IS_DEFAULT = -605;

    private final EndpointTable endpoints;
    private final Trace trace;
    private final AuditSink audit;
    private final TreeMap<ServiceInterface, ServiceEntry> entryByInterface = new TreeMap<>();
    private final Int2ObjectHashMap<ServiceEntry> entryByServiceId = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<ServiceName> nameByEndpointId = new Int2ObjectHashMap<>();
    private int nextServiceId = 1;

    public ServiceRegistry(final EndpointTable endpoints, final Trace trace, final AuditSink audit)
    {
        this.endpoints = endpoints;
        this.trace = trace;
        this.audit = audit;
        endpoints.addRemovalListener(this::endpointRemoved);
    }

    /**
     * HIC's compatibility rule for replacing {@code oldVersion} with {@code newVersion}: same major, and the new
     * minor not below the old one (the patch is not considered).
     * <p>
     * {@link #switchDefault} does not enforce it: a rollback switches back to the older version, which the rule
     * would refuse. Whoever plans an update (the Module Manager's policy check) applies it.
     */
    public static boolean isCompatible(final SemanticVersion oldVersion, final SemanticVersion newVersion)
    {
        return oldVersion.major() == newVersion.major() && newVersion.minor() >= oldVersion.minor();
    }

    /**
     * Adds an endpoint as a replica of a versioned name. When the interface has no default version (its first
     * registration, or every version was removed), this version becomes the default; otherwise only
     * {@link #switchDefault} makes it so.
     *
     * @return the service id of the name's interface (greater than zero), or {@link #ENDPOINT_REGISTERED} or
     * {@link #UNKNOWN_ENDPOINT}.
     */
    public int register(final ServiceName name, final int endpointId)
    {
        final ServiceName registeredAs = nameByEndpointId.get(endpointId);
        if (null != registeredAs)
        {
            return refuse("register", name, endpointId, "endpoint-registered-as-" + registeredAs,
                ENDPOINT_REGISTERED);
        }
        if (!endpoints.contains(endpointId))
        {
            return refuse("register", name, endpointId, "unknown-endpoint", UNKNOWN_ENDPOINT);
        }
        ServiceEntry entry = entryByInterface.get(name.serviceInterface());
        if (null == entry)
        {
            entry = new ServiceEntry(nextServiceId++, name.serviceInterface());
            entryByInterface.put(entry.serviceInterface, entry);
            entryByServiceId.put(entry.serviceId, entry);
        }
        entry.replicas(name.version()).add(endpointId);
        nameByEndpointId.put(endpointId, name);
        if (null == entry.defaultVersion)
        {
            entry.makeDefault(name.version());
        }
        record("registry.register", endpointId, "name=" + name + " endpoint=" + endpointId +
            " service=" + entry.serviceId + " replicas=" + entry.replicasByVersion.get(name.version()).count() +
            " default=" + name.version().equals(entry.defaultVersion));
        return entry.serviceId;
    }

    /**
     * Makes {@code newVersion} the default of {@code service/iface}, from the next call on.
     *
     * @return the endpoint the next call would have reached before the switch ({@link #NO_ENDPOINT} when none),
     * or {@link #UNKNOWN_NAME} or {@link #ENDPOINT_NOT_ACTIVE}.
     */
    public int switchDefault(final String service, final String iface, final SemanticVersion newVersion)
    {
        final ServiceName name = ServiceName.of(service, newVersion, iface);
        final ServiceEntry entry = entryByInterface.get(name.serviceInterface());
        final ReplicaSet target = null == entry ? null : entry.replicasByVersion.get(newVersion);
        if (null == target)
        {
            return refuse("switch", name, NO_ENDPOINT, "unknown-name", UNKNOWN_NAME);
        }
        final int toEndpointId = target.peek(endpoints);
        final Endpoint toEndpoint = endpoints.get(toEndpointId);
        if (null == toEndpoint || toEndpoint.state() != EndpointState.ACTIVE)
        {
            final String state = null == toEndpoint ? "removed" : toEndpoint.state().toString();
            return refuse("switch", name, toEndpointId, "endpoint-" + state, ENDPOINT_NOT_ACTIVE);
        }

        final SemanticVersion previousVersion = entry.defaultVersion;
        final int previousEndpointId = null == entry.defaultReplicas ? NO_ENDPOINT : entry.defaultReplicas.peek(endpoints);
        entry.makeDefault(newVersion);
        record("registry.switch", toEndpointId, "service=" + entry.serviceInterface + " from=" + previousVersion +
            " to=" + newVersion + " fromEndpoint=" + previousEndpointId + " toEndpoint=" + toEndpointId +
            " replicas=" + target.count());
        return previousEndpointId;
    }

    /**
     * Unbinds a versioned name and every replica of it. The default version can be removed only when it is its
     * interface's last one; then the interface has no default, and the next version registered becomes it. The
     * service id stays (see the class comment).
     *
     * @return {@link #OK}, {@link #UNKNOWN_NAME} or {@link #IS_DEFAULT}.
     */
    public int remove(final ServiceName name)
    {
        final ServiceEntry entry = entryByInterface.get(name.serviceInterface());
        final ReplicaSet replicas = null == entry ? null : entry.replicasByVersion.get(name.version());
        if (null == replicas)
        {
            return refuse("remove", name, NO_ENDPOINT, "unknown-name", UNKNOWN_NAME);
        }
        final int firstEndpointId = replicas.endpointIds()[0];
        final boolean isDefault = name.version().equals(entry.defaultVersion);
        if (isDefault && entry.replicasByVersion.size() > 1)
        {
            return refuse("remove", name, firstEndpointId, "is-default", IS_DEFAULT);
        }

        for (final int endpointId : replicas.endpointIds())
        {
            nameByEndpointId.remove(endpointId);
        }
        entry.replicasByVersion.remove(name.version());
        if (isDefault)
        {
            entry.makeDefault(null);
        }
        record("registry.remove", firstEndpointId, "name=" + name + " endpoints=" + endpointList(replicas) +
            " service=" + entry.serviceId + " defaultCleared=" + isDefault);
        return OK;
    }

    /**
     * The endpoint that takes the next call through a service id that names no connection: the default
     * version's ACTIVE replicas in turn (or, when none is ACTIVE, one of them, whose state the caller meets as a
     * refusal). The per-call lookup behind a service capability; moves the turn on. Allocation-free.
     *
     * @return the endpoint id, or {@link #NO_ENDPOINT} if the service id is unknown or its default version has
     * no replica.
     */
    public int nextEndpoint(final int serviceId)
    {
        final ServiceEntry entry = entryByServiceId.get(serviceId);
        return null == entry || null == entry.defaultReplicas ? NO_ENDPOINT : entry.defaultReplicas.next(endpoints);
    }

    /**
     * The endpoint the next call to {@code SERVICE/INTERFACE}, e.g. {@code netstack/tcp}, would reach; does not
     * move the turn on.
     *
     * @return the endpoint id, or {@link #NO_ENDPOINT}.
     * @throws InvalidServiceNameException if the text is malformed.
     */
    public int resolve(final String serviceAndInterface)
    {
        final ServiceEntry entry = entryByInterface.get(ServiceInterface.parse(serviceAndInterface));
        return null == entry || null == entry.defaultReplicas ? NO_ENDPOINT : entry.defaultReplicas.peek(endpoints);
    }

    /**
     * The endpoints of a version's replicas, in the order they were registered, default version or not: what a
     * per-connection dispatch table routes a connection to.
     *
     * @return the endpoint ids (a copy), empty if the name is not registered.
     */
    public int[] replicas(final ServiceName name)
    {
        final ServiceEntry entry = entryByInterface.get(name.serviceInterface());
        final ReplicaSet replicas = null == entry ? null : entry.replicasByVersion.get(name.version());
        return null == replicas ? new int[0] : replicas.endpointIds();
    }

    /**
     * @return the versioned name an endpoint is registered under, or null if it is not (any more).
     */
    public ServiceName nameOf(final int endpointId)
    {
        return nameByEndpointId.get(endpointId);
    }

    /**
     * @return the service id of {@code serviceInterface}, or {@link #NO_SERVICE} if it was never registered.
     */
    public int serviceId(final ServiceInterface serviceInterface)
    {
        final ServiceEntry entry = entryByInterface.get(serviceInterface);
        return null == entry ? NO_SERVICE : entry.serviceId;
    }

    /**
     * @return the default version of {@code serviceInterface}, which may have no replica left (it crashed), or
     * null if it has none.
     */
    public SemanticVersion defaultVersion(final ServiceInterface serviceInterface)
    {
        final ServiceEntry entry = entryByInterface.get(serviceInterface);
        return null == entry ? null : entry.defaultVersion;
    }

    /**
     * Every registered versioned name with its replicas' endpoint ids in registration order, in name order.
     */
    public Map<ServiceName, List<Integer>> bindings()
    {
        final TreeMap<ServiceName, List<Integer>> bindings = new TreeMap<>();
        for (final ServiceEntry entry : entryByInterface.values())
        {
            for (final Map.Entry<SemanticVersion, ReplicaSet> version : entry.replicasByVersion.entrySet())
            {
                final List<Integer> endpointIds = new ArrayList<>();
                for (final int endpointId : version.getValue().endpointIds())
                {
                    endpointIds.add(endpointId);
                }
                bindings.put(new ServiceName(entry.serviceInterface, version.getKey()), List.copyOf(endpointIds));
            }
        }
        return bindings;
    }

    /**
     * An endpoint left the table: its replica leaves its version, and a version with no replica left loses its
     * name.
     */
    private void endpointRemoved(final Endpoint endpoint)
    {
        final int endpointId = endpoint.id();
        final ServiceName name = nameByEndpointId.remove(endpointId);
        if (null == name)
        {
            return;
        }
        final ServiceEntry entry = entryByInterface.get(name.serviceInterface());
        final ReplicaSet replicas = entry.replicasByVersion.get(name.version());
        replicas.remove(endpointId);
        if (replicas.isEmpty())
        {
            entry.replicasByVersion.remove(name.version());
            entry.refreshDefaultReplicas();
        }
        final String detail = "name=" + name + " endpoint=" + endpointId + " service=" + entry.serviceId +
            " replicas=" + replicas.count() + " default=" + name.version().equals(entry.defaultVersion);
        recordFor(endpoint.ownerSandboxId(), "registry.depart", detail);
    }

    private int refuse(
        final String operation, final ServiceName name, final int endpointId, final String reason, final int code)
    {
        record("registry.refused", endpointId, "op=" + operation + " name=" + name + " reason=" + reason);
        return code;
    }

    /** Traces and audits a change or refusal, in the audit under the sandbox that owns the endpoint. */
    private void record(final String kind, final int endpointId, final String detail)
    {
        final Endpoint endpoint = endpoints.get(endpointId);
        recordFor(null == endpoint ? 0 : endpoint.ownerSandboxId(), kind, detail);
    }

    private void recordFor(final int sandboxId, final String kind, final String detail)
    {
        trace.record(kind, detail);
        audit.record(kind, sandboxId, detail);
    }

    private static String endpointList(final ReplicaSet replicas)
    {
        final StringBuilder list = new StringBuilder();
        for (final int endpointId : replicas.endpointIds())
        {
            list.append(list.length() == 0 ? "" : ",").append(endpointId);
        }
        return list.toString();
    }

    /**
     * One service interface: its id, its versions' replicas and its default. Reached by interface (control
     * plane) and by service id (each call), which reads {@link #defaultReplicas} without a map lookup.
     */
    private static final class ServiceEntry
    {
        private final int serviceId;
        private final ServiceInterface serviceInterface;
        private final TreeMap<SemanticVersion, ReplicaSet> replicasByVersion = new TreeMap<>();
        private SemanticVersion defaultVersion;
        private ReplicaSet defaultReplicas;

        ServiceEntry(final int serviceId, final ServiceInterface serviceInterface)
        {
            this.serviceId = serviceId;
            this.serviceInterface = serviceInterface;
        }

        ReplicaSet replicas(final SemanticVersion version)
        {
            final ReplicaSet existing = replicasByVersion.get(version);
            if (null != existing)
            {
                return existing;
            }
            final ReplicaSet created = new ReplicaSet();
            replicasByVersion.put(version, created);
            if (version.equals(defaultVersion))
            {
                defaultReplicas = created;
            }
            return created;
        }

        void makeDefault(final SemanticVersion version)
        {
            defaultVersion = version;
            refreshDefaultReplicas();
        }

        void refreshDefaultReplicas()
        {
            defaultReplicas = null == defaultVersion ? null : replicasByVersion.get(defaultVersion);
        }
    }
}
