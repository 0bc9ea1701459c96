package org.hicsim.core0;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.hicsim.core0.audit.AuditLog;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.HandleDescriptor;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.cpu.CpuScheduler;
import org.hicsim.core0.dispatch.Dispatcher;
import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.fault.Faults;
import org.hicsim.core0.fault.SandboxCrashes;
import org.hicsim.core0.invariant.InvariantViolation;
import org.hicsim.core0.invariant.InvariantViolationException;
import org.hicsim.core0.invariant.Invariants;
import org.hicsim.core0.ipc.EndpointServer;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.memory.MemoryAccess;
import org.hicsim.core0.memory.PageFault;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.memory.shared.SharedRegionError;
import org.hicsim.core0.memory.shared.SharedRegions;
import org.hicsim.core0.metrics.MetricsRegions;
import org.hicsim.core0.region.MemoryRegions;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.request.RequestPath;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.store.PersistentStore;
import org.hicsim.core0.store.StoreFaults;
import org.hicsim.core0.supervisor.BootSupervisor;

/**
 * Core-0: the simulation kernel, physical memory, capabilities, sandboxes, memory regions, CPU quotas, IPC, the service registry
 * and the audit log, wired together for one run. Kernel-side code (the Module Manager's privileged operations,
 * tests, scenarios) uses the parts directly; a service gets only its sandbox's {@link SystemCalls}.
 */
public final class Kernel
{
    /** Mixed into the run's seed for the store's fault draws, so they share no stream with anything else. */
    private static final long STORE_FAULTS_SEED_MIX = 0x5DEECE66DL;

    private final Simulation simulation;
    private final AuditLog audit;
    private final PhysicalMemory memory;
    private final MemoryAccess memoryAccess;
    private final CapabilitySystem capabilities;
    private final CpuScheduler cpu;
    private final SandboxManager sandboxes;
    private final MemoryRegions regions;
    private final SharedRegions sharedRegions;
    private final MetricsRegions metricsRegions;
    private final EndpointTable endpoints;
    private final ServiceRegistry registry;
    private final ServiceCalls serviceCalls;
    private final CostTable costs;
    private final Dispatcher dispatcher;
    private final RequestPath requests;
    private final PersistentStore store;
    private final BootSupervisor supervisor;
    private final BootCapabilityNames bootNames = new BootCapabilityNames();
    private final Faults faults;
    private final Invariants invariants = Invariants.core0();

    public Kernel(final KernelConfig config, final TraceSink traceSink)
    {
        Objects.requireNonNull(config, "config");
        simulation = new Simulation(config.seed(), traceSink);
        audit = new AuditLog(simulation);
        memory = new PhysicalMemory(config.memoryBytes());
        memoryAccess = new MemoryAccess(memory);
        capabilities = new CapabilitySystem(config.sandboxesMax(), simulation.splitRandom(), audit, simulation.trace());
        cpu = new CpuScheduler(simulation);
        sandboxes = new SandboxManager(simulation, memory, capabilities, cpu, audit, config.sandboxesMax());
        regions = new MemoryRegions(memory, capabilities, sandboxes, audit, simulation.trace());
        sharedRegions = new SharedRegions(memory, capabilities, sandboxes, audit, simulation.trace());
        metricsRegions = new MetricsRegions(simulation, sandboxes, sharedRegions, audit);
        endpoints = new EndpointTable(simulation, audit);
        registry = new ServiceRegistry(endpoints, simulation.trace(), audit);
        costs = config.costs();
        serviceCalls = new ServiceCalls(capabilities, registry, endpoints, cpu, costs, simulation);
        dispatcher = new Dispatcher(capabilities, registry, endpoints, simulation.trace(), audit);
        requests = new RequestPath(simulation, capabilities, registry, endpoints, sandboxes, cpu, dispatcher,
            serviceCalls::serve, costs);
        supervisor = new BootSupervisor(simulation, audit);
        sandboxes.addListener((sandboxId, name, reason) -> removeEndpointsOf(sandboxId));
        sandboxes.addListener((sandboxId, name, reason) -> bootNames.forget(sandboxId));
        sandboxes.addListener((sandboxId, name, reason) -> regions.dropHeldBy(sandboxId));
        sandboxes.addListener((sandboxId, name, reason) -> sharedRegions.forgetSandbox(sandboxId));
        store = new PersistentStore(simulation, capabilities, audit, costs, config.storeCapacityBytes());
        sandboxes.addListener((sandboxId, name, reason) -> store.onSandboxTerminated(sandboxId));
        sandboxes.addListener((sandboxId, name, reason) -> supervisor.terminated(sandboxId, reason));
        simulation.trace().record("kernel.boot", "memoryBytes=" + config.memoryBytes()
            + " frames=" + memory.totalFrames() + " sandboxesMax=" + config.sandboxesMax());
        simulation.trace().record("kernel.costs", costs.toString());
        faults = new Faults(config.faults(), config.seed(), simulation, simulation.trace());
        endpoints.useFaults(faults);
        if (faults.isOn(FaultPoint.SANDBOX_CRASH))
        {
            simulation.addEventObserver(new SandboxCrashes(faults, sandboxes));
        }
        if (faults.isOn(FaultPoint.STORE_SLOW) || faults.isOn(FaultPoint.STORE_FAIL))
        {
            // The store's hook, driven by the plan: every operation the slow point's magnitude later, and each
            // failing with the fail point's probability, drawn from a source of the plan's own.
            store.faults(new StoreFaults(new SplittableRandom(config.seed() ^ STORE_FAULTS_SEED_MIX),
                faults.isOn(FaultPoint.STORE_SLOW) ? config.faults().setting(FaultPoint.STORE_SLOW).magnitudeNs() : 0,
                faults.isOn(FaultPoint.STORE_FAIL) ? config.faults().setting(FaultPoint.STORE_FAIL).probability() : 0));
        }
    }

    public Simulation simulation()
    {
        return simulation;
    }

    public AuditLog audit()
    {
        return audit;
    }

    public PhysicalMemory memory()
    {
        return memory;
    }

    public MemoryAccess memoryAccess()
    {
        return memoryAccess;
    }

    public CapabilitySystem capabilities()
    {
        return capabilities;
    }

    public CpuScheduler cpu()
    {
        return cpu;
    }

    public SandboxManager sandboxes()
    {
        return sandboxes;
    }

    public MemoryRegions regions()
    {
        return regions;
    }

    /** Regions Core-0 or one writer sandbox writes, mapped read-only into their readers (hybrid isolation). */
    public SharedRegions sharedRegions()
    {
        return sharedRegions;
    }

    /** Each instance's metrics, published by Core-0 in shared regions for Privileged-1 readers (the Monitor). */
    public MetricsRegions metricsRegions()
    {
        return metricsRegions;
    }

    public EndpointTable endpoints()
    {
        return endpoints;
    }

    public ServiceRegistry registry()
    {
        return registry;
    }

    /** The model's cost table for this run. */
    public CostTable costs()
    {
        return costs;
    }

    /** The per-connection dispatch tables and the rules for new connections. */
    public Dispatcher dispatcher()
    {
        return dispatcher;
    }

    /** Restarts the privileged services it supervises when they are killed. */
    public BootSupervisor supervisor()
    {
        return supervisor;
    }

    /** Client requests in virtual time: what a workload sends its requests through. */
    public RequestPath requests()
    {
        return requests;
    }

    /** The persistent store device: survives every sandbox, reached through a PERSISTENT_STORE capability. */
    public PersistentStore store()
    {
        return store;
    }

    /** The run's fault points ({@link KernelConfig#faults()}): where Core-0, the host and later parts ask. */
    public Faults faults()
    {
        return faults;
    }

    /** The invariants {@link #checkInvariants()} checks; a part built on Core-0 adds its own here. */
    public Invariants invariants()
    {
        return invariants;
    }

    /**
     * Checks every invariant now.
     *
     * @return what is broken, empty when all hold.
     */
    public List<InvariantViolation> checkInvariants()
    {
        return invariants.check(this);
    }

    /**
     * Checking mode: from now on the invariants are checked after every event, and the first event after which
     * one fails stops the run with an {@link InvariantViolationException} naming it and the seed.
     */
    public void checkInvariantsAfterEachEvent()
    {
        simulation.addEventObserver(eventNumber ->
        {
            final List<InvariantViolation> violations = checkInvariants();
            if (!violations.isEmpty())
            {
                throw new InvariantViolationException(
                    simulation.seed(), eventNumber, simulation.nowNs(), violations);
            }
        });
    }

    /**
     * Makes {@code server} answer the synchronous calls ({@link SystemCalls#call(long, org.hicsim.core0.spi.Message,
     * org.hicsim.core0.spi.Message)}) that reach an endpoint; the server goes when the endpoint is removed, as it is
     * with its owner's sandbox.
     *
     * @throws IllegalArgumentException if no live endpoint has that id.
     * @throws IllegalStateException    if the endpoint has a server already.
     */
    public void serve(final int endpointId, final EndpointServer server)
    {
        endpoints.serve(endpointId, server);
    }

    ServiceCalls serviceCalls()
    {
        return serviceCalls;
    }

    /**
     * The system-call interface of a live sandbox: what the loader hands to the service it starts there.
     *
     * @throws IllegalArgumentException if no live sandbox has that id.
     */
    public SystemCalls systemCalls(final int sandboxId)
    {
        final Sandbox sandbox = sandboxes.live(sandboxId);
        if (sandbox == null)
        {
            throw new IllegalArgumentException("sandboxId=" + sandboxId + " is not a live sandbox");
        }
        return new SystemCalls(this, sandbox);
    }

    /**
     * Names a capability the loader granted a sandbox at start, so that its service finds it with
     * {@link SystemCalls#capability(String)}: a manifest capability request's object ({@code net.mmio}) or a
     * dependency's service name ({@code netstack}). The names go with the sandbox.
     *
     * @return {@link SystemCalls#OK}, or a negative {@link CapError} code: {@link CapError#NO_SUCH_SANDBOX} when
     * the sandbox is not live, {@link CapError#INVALID_HANDLE} when the handle names no capability it holds.
     * @throws IllegalArgumentException if the name is empty or has white space.
     * @throws IllegalStateException    if the sandbox already has a capability of that name.
     */
    public int nameCapability(final int sandboxId, final String name, final long handle)
    {
        if (sandboxes.live(sandboxId) == null)
        {
            return refuseName(sandboxId, name, handle, CapError.NO_SUCH_SANDBOX);
        }
        if (capabilities.find(sandboxId, handle) == null)
        {
            return refuseName(sandboxId, name, handle, CapError.INVALID_HANDLE);
        }
        bootNames.name(sandboxId, name, handle);
        simulation.trace().record("cap.name", "sandbox=" + sandboxId + " name=" + name +
            " handle=" + HandleDescriptor.toString(handle));
        return SystemCalls.OK;
    }

    /**
     * @return the handle named so for the sandbox, or {@link org.hicsim.core0.spi.ServiceContext#NO_CAPABILITY}.
     */
    long namedCapability(final int sandboxId, final String name)
    {
        return bootNames.handle(sandboxId, name);
    }

    /**
     * A sandbox touched memory its page table does not allow: kill that sandbox alone. Returns the exception
     * that unwinds the service's code. A fault in a shared region (a store into one, a load where one was
     * mapped until its capability went) says so in the kill's reason and in a {@code shared.fault} record. A sandbox already dead is not killed again: its id may have been given to
     * a new sandbox, which its stale system calls must not reach.
     */
    SandboxTerminatedException onPageFault(final Sandbox sandbox, final PageFault fault)
    {
        final SharedRegionError shared = sandbox.isAlive()
            ? sharedRegions.faultReason(sandbox.id(), fault.virtualAddress(), fault.access()) : null;
        final String reason = shared == null ? fault.getMessage()
            : fault.getMessage() + " shared=" + shared + "(" + shared.code() + ")";
        if (shared != null)
        {
            final String detail = "sandbox=" + sandbox.id() + " va=0x" + Long.toHexString(fault.virtualAddress())
                + " reason=" + shared + " code=" + shared.code();
            simulation.trace().record("shared.fault", detail);
            audit.record("shared.fault", sandbox.id(), detail);
        }
        if (sandbox.isAlive())
        {
            sandboxes.kill(sandbox.id(), reason);
        }
        return new SandboxTerminatedException(sandbox.id(), reason);
    }

    private int refuseName(final int sandboxId, final String name, final long handle, final CapError error)
    {
        audit.record("cap.refused", Math.max(sandboxId, CapabilitySystem.CORE0), "op=name name=" + name +
            " handle=" + HandleDescriptor.toString(handle) + " reason=" + error);
        return error.code();
    }

    /**
     * A dead sandbox's endpoints go with it, and so does every capability naming them: a caller then gets a
     * refusal it can act on instead of a message nobody will read.
     */
    private void removeEndpointsOf(final int sandboxId)
    {
        for (final int endpointId : endpoints.idsOwnedBy(sandboxId))
        {
            capabilities.revokeObject(ObjectKind.IPC_ENDPOINT, endpointId);
            endpoints.remove(endpointId);
        }
    }
}
