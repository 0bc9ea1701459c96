package org.hicsim.host;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.agrona.collections.Int2ObjectHashMap;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.registry.ServiceInterface;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sandbox.SandboxError;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sandbox.SandboxType;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.hicmod.CapabilityRequest;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.pki.VerifiedBundle;
import org.hicsim.host.ModuleRefusedException.Reason;
import org.hicsim.host.meter.Meter;
import org.hicsim.host.meter.StackGauge;

/**
 * Loads verified bundles into new sandboxes of one kernel. A load checks every reference of the module's code
 * ({@link ReferenceCheck}) before anything of it runs, creates the sandbox the manifest asks for, grants and
 * names the capabilities the caller's policy gives, defines the module's classes in a class loader of its own
 * whose only parent exposes the SPI and allowed JDK classes, starts the entry class with {@code init}, and, if
 * it survived, serves its endpoint and registers it as {@code cap://NAME/vX.Y.Z/api}: the version's first
 * replica, or one more beside those already serving it.
 * <p>
 * There is no way to load a bundle whose signature was not verified: the one entry point takes a
 * {@link VerifiedBundle}, which only the verifier makes.
 */
public final class ServiceHost
{
    /** The interface every service is registered under, and that its clients' capabilities name. */
    public static final String INTERFACE = "api";
    /** Ring bytes of an instance's endpoint: room for 32 messages of the SPI's largest payload. */
    public static final int ENDPOINT_CAPACITY = 64 * 1024;
    /** Hex digits of a bundle's digest a trace line shows: enough to tell builds apart at a glance. */
    public static final int DIGEST_TRACE_LENGTH = 16;
    /**
     * JVM heap a sandbox may hold besides its memory quota: room for its code's own working objects (a staging
     * copy of its state, a snapshot buffer). Its allowance is its memory quota plus this.
     */
    public static final long HEAP_ALLOWANCE_BASE_BYTES = 1L << 20;

    private final Kernel kernel;
    private final ReferenceAllowlist allowlist;
    private final LinkOnlyClassLoader linkLoader;
    private final Int2ObjectHashMap<ServiceInstance> instancesBySandbox = new Int2ObjectHashMap<>();
    private final StackGauge stack = new StackGauge();
    private final Map<Integer, Meter> meters = new HashMap<>();

    public ServiceHost(final Kernel kernel)
    {
        this(kernel, ReferenceAllowlist.standard());
    }

    public ServiceHost(final Kernel kernel, final ReferenceAllowlist allowlist)
    {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
        this.linkLoader = new LinkOnlyClassLoader(allowlist, ServiceHost.class.getClassLoader());
        kernel.sandboxes().addListener((sandboxId, name, reason) -> stopMeterOf(sandboxId, reason));
    }

    /**
     * A sandbox Core-0 ended (killed, destroyed) stops at its code's next metered check, should that code still
     * be running: it caught the page fault that killed it.
     */
    private void stopMeterOf(final int sandboxId, final String reason)
    {
        final Meter meter = meters.remove(sandboxId);
        if (meter != null)
        {
            meter.kill(reason);
        }
    }

    /**
     * Loads a module into a new sandbox and starts it with its manifest's default configuration (version 0).
     *
     * @see #load(VerifiedBundle, String, Grants, Configuration)
     */
    public ServiceInstance load(final VerifiedBundle bundle, final String sandboxName, final Grants grants)
    {
        return load(bundle, sandboxName, grants, Configuration.EMPTY);
    }

    /**
     * Loads a module into a new sandbox and starts it.
     *
     * @param sandboxName unique among live sandboxes, e.g. {@code netstack-v1.3.0}.
     * @param grants      what the policy grants the manifest's capability requests, and the size its capability
     *                    space may grow to. Each dependency that is registered gets a
     *                    {@link ObjectKind#SERVICE_ENDPOINT} capability with {@link Rights#CALL}, named after it.
     * @param configuration what the service starts with ({@link org.hicsim.core0.spi.ServiceContext#configuration()}):
     *                    the manifest's {@code config} defaults overlaid with these values, at this version.
     * @return the instance; dead if the service crashed on start (then it was never registered).
     * @throws ModuleRefusedException if the code is refused, or Core-0 refuses the sandbox, a capability or the
     *                                name; nothing of the module has run then, and nothing of it is left.
     * @throws IllegalArgumentException if {@code sandboxName} is empty or has white space.
     */
    public ServiceInstance load(
        final VerifiedBundle bundle, final String sandboxName, final Grants grants, final Configuration configuration)
    {
        return load(bundle, sandboxName, bundle.manifest().name(), grants, configuration);
    }

    /**
     * Loads a module into a new sandbox and starts it as the service {@code serviceName}, which may differ from
     * the module's name: one module then runs as several services ({@code counter-a}, {@code counter-b}), each
     * registered, found and updated under its own name.
     *
     * @see #load(VerifiedBundle, String, Grants, Configuration)
     */
    public ServiceInstance load(final VerifiedBundle bundle, final String sandboxName, final String serviceName,
        final Grants grants, final Configuration configuration)
    {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(configuration, "configuration");
        final Manifest manifest = bundle.manifest();
        final Configuration effective = Configuration.builder(configuration.version())
            .putAll(manifest.configuration()).putAll(configuration.values()).build();
        final int cpuQuotaPercent = grants.cpuQuotaPercent(manifest.cpuQuotaPercent());
        final SandboxSpec spec = new SandboxSpec(sandboxName, SandboxType.PRIVILEGED,
            wholeFrames(grants.memoryBytes(manifest.memoryBytes())), cpuQuotaPercent, grants.capabilitySlots());
        final CheckedClasses classes = ReferenceCheck.check(bundle.bundle(), allowlist);
        final String module = classes.module();
        final ServiceName registered = ServiceName.of(serviceName, manifest.version(), INTERFACE);
        checkNames(module, manifest);

        final int sandboxId = kernel.sandboxes().create(spec);
        if (sandboxId < 0)
        {
            throw ModuleRefusedException.refused(Reason.KERNEL_REFUSED, module,
                "Core-0 refused its sandbox " + sandboxName + ": " + SandboxError.of(sandboxId));
        }
        kernel.sandboxes().start(sandboxId);
        grant(module, sandboxId, manifest, grants);
        final String digest = bundle.bundle().digestHex();
        kernel.audit().record("service.load", sandboxId, "module=" + manifest.name() + " version="
            + manifest.version() + " digest=" + digest + " signer=" + bundle.signature().signerSubject().replace(' ', '_')
            + " classes=" + classes.classNames().size());

        final SystemCalls context = kernel.systemCalls(sandboxId);
        context.configuration(effective);
        if (!effective.values().isEmpty())
        {
            kernel.simulation().trace().record("service.config", "sandbox=" + sandboxId + " name=" + sandboxName
                + " version=" + effective.version() + " values=" + effective.values());
        }
        // A call's fuel stays the manifest's: it bounds a runaway call, which a policy's smaller share of the
        // core (time) must not turn into a refusal of work the module was built to do in one call. A sandbox
        // given more memory than its manifest's holds that many times more state, which a whole-state call
        // (an export, an import) walks in one call: its fuel grows by the same factor.
        final long memoryFactor = Math.max(1, spec.memoryBytes() / wholeFrames(manifest.memoryBytes()));
        final Meter meter = new Meter(sandboxName,
            Meter.FUEL_PER_CPU_PERCENT * Math.max(1, manifest.cpuQuotaPercent()) * memoryFactor,
            spec.memoryBytes() + HEAP_ALLOWANCE_BASE_BYTES, stack);
        meters.put(sandboxId, meter);
        final ServiceInstance instance =
            new ServiceInstance(kernel, kernel.sandboxes().get(sandboxId), serviceName, manifest, digest, meter);
        instance.start(new BundleClassLoader(classes, linkLoader, meter), context);
        if (instance.isAlive())
        {
            publish(instance, registered);
            instancesBySandbox.put(sandboxId, instance);
        }
        kernel.simulation().trace().record("service.load", "sandbox=" + sandboxId + " name=" + sandboxName
            + (serviceName.equals(manifest.name()) ? "" : " service=" + serviceName) + " module=" + manifest.name() + " version=" + manifest.version() + " digest="
            + digest.substring(0, DIGEST_TRACE_LENGTH) + " alive=" + instance.isAlive()
            + " endpoint=" + instance.endpointId() + " service=" + instance.serviceId());
        return instance;
    }

    /**
     * The live instance this host loaded into a sandbox: how a Module Manager restarted after a crash, which
     * knows from its journal which sandboxes run which service, finds them again.
     *
     * @return the instance, or null if the sandbox is dead or runs nothing this host loaded.
     */
    public ServiceInstance instance(final int sandboxId)
    {
        final ServiceInstance instance = instancesBySandbox.get(sandboxId);
        if (instance != null && !instance.isAlive())
        {
            instancesBySandbox.remove(sandboxId);
            return null;
        }
        return instance;
    }

    /**
     * A manifest's memory as whole frames: a sandbox's memory is mapped page by page.
     */
    static long wholeFrames(final long memoryBytes)
    {
        final long frames = (memoryBytes + PhysicalMemory.FRAME_SIZE - 1) / PhysicalMemory.FRAME_SIZE;
        return Math.max(1, frames) * PhysicalMemory.FRAME_SIZE;
    }

    /**
     * Refuses, before a sandbox exists, what would fail half way: a capability request that has a dependency's
     * name, which would give the service two capabilities under one name. A version registered already is no
     * refusal: the new instance is one more replica of it (or the restart of one that died).
     */
    private void checkNames(final String module, final Manifest manifest)
    {
        for (final CapabilityRequest request : manifest.capabilities())
        {
            if (manifest.dependencies().containsKey(request.object()))
            {
                throw ModuleRefusedException.refused(Reason.KERNEL_REFUSED, module, "its capability request "
                    + request + " and its dependency " + request.object() + " would share a name");
            }
        }
    }

    private void grant(final String module, final int sandboxId, final Manifest manifest, final Grants grants)
    {
        for (final CapabilityRequest request : manifest.capabilities())
        {
            final Grant grant = grants.grant(request.object());
            if (grant == null)
            {
                withheld(sandboxId, request.object(), "policy");
            }
            else
            {
                issue(module, sandboxId, request.object(), grant.kind(), grant.objectId(), grant.rights());
            }
        }
        for (final String dependency : manifest.dependencies().keySet())
        {
            final int serviceId = kernel.registry().serviceId(new ServiceInterface(dependency, INTERFACE));
            if (serviceId == ServiceRegistry.NO_SERVICE)
            {
                withheld(sandboxId, dependency, "not-registered");
            }
            else
            {
                issue(module, sandboxId, dependency, ObjectKind.SERVICE_ENDPOINT, serviceId, Rights.CALL);
            }
        }
    }

    private void issue(
        final String module, final int sandboxId, final String name, final ObjectKind kind, final int objectId,
        final int rights)
    {
        final long handle = kernel.capabilities().issue(CapabilitySystem.CORE0, sandboxId, kind, objectId, rights, 0);
        final long named = handle < 0 ? handle : kernel.nameCapability(sandboxId, name, handle);
        if (named != SystemCalls.OK)
        {
            kernel.sandboxes().destroy(sandboxId);
            throw ModuleRefusedException.refused(Reason.KERNEL_REFUSED, module,
                "Core-0 refused its capability " + name + ": " + CapError.fromCode(named));
        }
    }

    private void withheld(final int sandboxId, final String name, final String reason)
    {
        kernel.simulation().trace().record(
            "service.grant.withheld", "sandbox=" + sandboxId + " name=" + name + " reason=" + reason);
    }

    private void publish(final ServiceInstance instance, final ServiceName serviceName)
    {
        final int endpointId = kernel.endpoints().create(instance.sandboxName(), instance.sandboxId(),
            EndpointType.GENERIC, ENDPOINT_CAPACITY, kernel.costs().ipcLatencyNs());
        kernel.serve(endpointId, instance::serve);
        kernel.endpoints().moveTo(endpointId, EndpointState.ACTIVE);
        final int serviceId = kernel.registry().register(serviceName, endpointId);
        if (serviceId <= 0)
        {
            throw new IllegalStateException("registry refused name=" + serviceName + " code=" + serviceId
                + " after it was checked free");
        }
        instance.published(endpointId, serviceId);
    }
}
