package org.hicsim.core0.registry;

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
 * {@link ServiceInterface} ({@code netstack/tcp}) has one default endpoint, the one its clients reach.
 * <p>
 * A client's service capability names a <em>service id</em> (one per service interface, never reused within a
 * run), not an endpoint: each call resolves it with {@link #defaultEndpoint(int)}, so after
 * {@link #switchDefault} the very next call reaches the new instance. The switch is one assignment in a
 * single-threaded kernel, hence atomic; messages already queued on the old endpoint stay there for its server to
 * drain, and the old versioned name stays addressable (for rollback) until {@link #remove removed}.
 * <p>
 * A name whose endpoint has since been removed from the {@link EndpointTable} still resolves to that endpoint's
 * id; since ids are never reused, the table answers it with null, so a caller finds a dead endpoint, never another.
 * <p>
 * Every registration, switch, removal and refusal is traced and audited. Listings follow name order.
 */
public final class ServiceRegistry
{
    /** What a lookup answers when no endpoint is bound. */
    public static final int NO_ENDPOINT = EndpointTable.NULL_ID;
    /** What a lookup answers when no service interface is registered. */
    public static final int NO_SERVICE = 0;

    /** The operation was done. */
    public static final int OK = 0;
    /** {@link #register}: the versioned name is already registered. */
    public static final int NAME_TAKEN = -1;
    /** {@link #register}: the endpoint id names no live endpoint. */
    public static final int UNKNOWN_ENDPOINT = -2;
    /** {@link #switchDefault}, {@link #remove}: the versioned name is not registered. */
    public static final int UNKNOWN_NAME = -3;
    /** {@link #switchDefault}: the target endpoint is removed or not ACTIVE, so it could not serve the calls. */
    public static final int ENDPOINT_NOT_ACTIVE = -4;
    /** {@link #remove}: the name is its interface's default while other versions exist; switch away first. */
    public static final int IS_DEFAULT = -5;

    private final EndpointTable endpoints;
    private final Trace trace;
    private final AuditSink audit;
    private final TreeMap<ServiceName, Integer> endpointIdByName = new TreeMap<>();
    private final TreeMap<ServiceInterface, DefaultBinding> bindingByInterface = new TreeMap<>();
    private final Int2ObjectHashMap<DefaultBinding> bindingByServiceId = new Int2ObjectHashMap<>();
    private int nextServiceId = 1;

    public ServiceRegistry(final EndpointTable endpoints, final Trace trace, final AuditSink audit)
    {
        this.endpoints = endpoints;
        this.trace = trace;
        this.audit = audit;
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
     * Binds a versioned name to an endpoint. The first version registered for a service interface becomes its
     * default; later ones become the default only by {@link #switchDefault}.
     *
     * @return the service id of the name's interface (greater than zero), or {@link #NAME_TAKEN} or
     * {@link #UNKNOWN_ENDPOINT}.
     */
    public int register(final ServiceName name, final int endpointId)
    {
        if (endpointIdByName.containsKey(name))
        {
            return refuse("register", name, endpointId, "name-taken", NAME_TAKEN);
        }
        if (!endpoints.contains(endpointId))
        {
            return refuse("register", name, endpointId, "unknown-endpoint", UNKNOWN_ENDPOINT);
        }
        endpointIdByName.put(name, endpointId);

        DefaultBinding binding = bindingByInterface.get(name.serviceInterface());
        if (null == binding)
        {
            binding = new DefaultBinding(nextServiceId++, name.serviceInterface());
            binding.bind(name.version(), endpointId);
            bindingByInterface.put(binding.serviceInterface, binding);
            bindingByServiceId.put(binding.serviceId, binding);
        }
        binding.versionCount++;

        final boolean isDefault = binding.defaultVersion.equals(name.version());
        record("registry.register", endpointId, "name=" + name + " endpoint=" + endpointId +
            " service=" + binding.serviceId + " default=" + isDefault);
        return binding.serviceId;
    }

    /**
     * Makes {@code newVersion}'s endpoint the default of {@code service/iface}, from the next call on.
     *
     * @return the previous default endpoint id (greater than zero), or {@link #UNKNOWN_NAME} or
     * {@link #ENDPOINT_NOT_ACTIVE}.
     */
    public int switchDefault(final String service, final String iface, final SemanticVersion newVersion)
    {
        final ServiceName name = ServiceName.of(service, newVersion, iface);
        final Integer endpointId = endpointIdByName.get(name);
        if (null == endpointId)
        {
            return refuse("switch", name, NO_ENDPOINT, "unknown-name", UNKNOWN_NAME);
        }
        final Endpoint endpoint = endpoints.get(endpointId);
        if (null == endpoint || endpoint.state() != EndpointState.ACTIVE)
        {
            final String state = null == endpoint ? "removed" : endpoint.state().toString();
            return refuse("switch", name, endpointId, "endpoint-" + state, ENDPOINT_NOT_ACTIVE);
        }

        final DefaultBinding binding = bindingByInterface.get(name.serviceInterface());
        final SemanticVersion previousVersion = binding.defaultVersion;
        final int previousEndpointId = binding.defaultEndpointId;
        binding.bind(newVersion, endpointId);
        record("registry.switch", endpointId, "service=" + binding.serviceInterface + " from=" + previousVersion +
            " to=" + newVersion + " fromEndpoint=" + previousEndpointId + " toEndpoint=" + endpointId);
        return previousEndpointId;
    }

    /**
     * Unbinds a versioned name. The default version can be removed only when it is its interface's last one;
     * then the interface and its service id are gone, and a capability naming that id resolves to nothing.
     *
     * @return {@link #OK}, {@link #UNKNOWN_NAME} or {@link #IS_DEFAULT}.
     */
    public int remove(final ServiceName name)
    {
        final Integer endpointId = endpointIdByName.get(name);
        if (null == endpointId)
        {
            return refuse("remove", name, NO_ENDPOINT, "unknown-name", UNKNOWN_NAME);
        }
        final DefaultBinding binding = bindingByInterface.get(name.serviceInterface());
        final boolean isDefault = binding.defaultVersion.equals(name.version());
        if (isDefault && binding.versionCount > 1)
        {
            return refuse("remove", name, endpointId, "is-default", IS_DEFAULT);
        }

        endpointIdByName.remove(name);
        binding.versionCount--;
        if (0 == binding.versionCount)
        {
            bindingByInterface.remove(binding.serviceInterface);
            bindingByServiceId.remove(binding.serviceId);
        }
        record("registry.remove", endpointId, "name=" + name + " endpoint=" + endpointId +
            " service=" + binding.serviceId + " retired=" + (0 == binding.versionCount));
        return OK;
    }

    /**
     * The current default endpoint of a service id: the per-call lookup behind a service capability.
     * Allocation-free.
     *
     * @return the endpoint id, or {@link #NO_ENDPOINT} if the service id is unknown or retired.
     */
    public int defaultEndpoint(final int serviceId)
    {
        final DefaultBinding binding = bindingByServiceId.get(serviceId);
        return null == binding ? NO_ENDPOINT : binding.defaultEndpointId;
    }

    /**
     * The current default endpoint of {@code SERVICE/INTERFACE}, e.g. {@code netstack/tcp}.
     *
     * @return the endpoint id, or {@link #NO_ENDPOINT}.
     * @throws InvalidServiceNameException if the text is malformed.
     */
    public int resolve(final String serviceAndInterface)
    {
        final DefaultBinding binding = bindingByInterface.get(ServiceInterface.parse(serviceAndInterface));
        return null == binding ? NO_ENDPOINT : binding.defaultEndpointId;
    }

    /**
     * The endpoint a versioned name is bound to, default or not.
     *
     * @return the endpoint id, or {@link #NO_ENDPOINT}.
     */
    public int resolve(final ServiceName name)
    {
        final Integer endpointId = endpointIdByName.get(name);
        return null == endpointId ? NO_ENDPOINT : endpointId;
    }

    /**
     * @return the service id of {@code serviceInterface}, or {@link #NO_SERVICE}.
     */
    public int serviceId(final ServiceInterface serviceInterface)
    {
        final DefaultBinding binding = bindingByInterface.get(serviceInterface);
        return null == binding ? NO_SERVICE : binding.serviceId;
    }

    /**
     * @return the version whose endpoint is the default of {@code serviceInterface}, or null if none is registered.
     */
    public SemanticVersion defaultVersion(final ServiceInterface serviceInterface)
    {
        final DefaultBinding binding = bindingByInterface.get(serviceInterface);
        return null == binding ? null : binding.defaultVersion;
    }

    /**
     * Every registered versioned name with its endpoint id, in name order.
     */
    public Map<ServiceName, Integer> bindings()
    {
        return new TreeMap<>(endpointIdByName);
    }

    private int refuse(
        final String operation, final ServiceName name, final int endpointId, final String reason, final int code)
    {
        record("registry.refused", endpointId, "op=" + operation + " name=" + name + " reason=" + reason);
        return code;
    }

    private void record(final String kind, final int endpointId, final String detail)
    {
        trace.record(kind, detail);
        final Endpoint endpoint = endpoints.get(endpointId);
        audit.record(kind, null == endpoint ? 0 : endpoint.ownerSandboxId(), detail);
    }

    /**
     * One service interface's id and current default. Reached by interface (control plane) and by service id
     * (each call).
     */
    private static final class DefaultBinding
    {
        private final int serviceId;
        private final ServiceInterface serviceInterface;
        private SemanticVersion defaultVersion;
        private int defaultEndpointId;
        private int versionCount;

        DefaultBinding(final int serviceId, final ServiceInterface serviceInterface)
        {
            this.serviceId = serviceId;
            this.serviceInterface = serviceInterface;
        }

        void bind(final SemanticVersion version, final int endpointId)
        {
            defaultVersion = version;
            defaultEndpointId = endpointId;
        }
    }
}
