package org.hicsim.core0;

import java.util.Objects;
import java.util.SplittableRandom;

import org.agrona.DirectBuffer;
import org.hicsim.core0.cap.Capability;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.MessageHandler;
import org.hicsim.core0.memory.MemoryAccess;
import org.hicsim.core0.memory.PageFault;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.shared.SharedRegions;
import org.hicsim.core0.region.MemoryRegions;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;

/**
 * The system calls of the model: the one narrow interface through which a service reaches Core-0. Each instance
 * is bound to one sandbox, which is the actor of every call; the service names objects only by capability
 * handles, which are checked on every use, and never receives a reference to a kernel object.
 * <p>
 * Memory is reached through the sandbox's page table. A fault kills the sandbox (and only it) and throws
 * {@link SandboxTerminatedException} so that the service's code stops at the faulting access. Capability
 * operations return seL4-style codes: {@code >= 0} a handle or count, {@code < 0} a
 * {@link org.hicsim.core0.cap.CapError} code. IPC calls return {@link #OK}, a {@code CapError} code when the
 * capability check fails, or one of the {@code IPC_*} codes. Memory-region calls return a {@code CapError} code
 * or a {@link org.hicsim.core0.region.RegionError} code; shared-region calls a {@code CapError} code or a
 * {@link org.hicsim.core0.memory.shared.SharedRegionError} code. Each layer's codes lie in its own
 * {@link org.hicsim.core0.spi.ResultRange}, so a code passed on by a service still says who refused.
 */
public final class SystemCalls implements ServiceContext
{
    public static final int OK = 0;
    /** The endpoint is full: back off and retry (backpressure). */
    public static final int IPC_FULL = Endpoint.FULL;
    /** The message is longer than the endpoint's largest. */
    public static final int IPC_TOO_LARGE = Endpoint.TOO_LARGE;
    /** The endpoint is not accepting messages (stopping, stopped). */
    public static final int IPC_NOT_ACCEPTING = Endpoint.NOT_ACCEPTING;
    /** The endpoint was removed, e.g. with its owner's sandbox; or no replica serves the service's default version. */
    public static final int IPC_NO_ENDPOINT = -204;
    /** A synchronous call found an endpoint that nobody serves: a rendezvous with no one to meet. */
    public static final int IPC_NO_SERVER = -205;
    /** The server did not answer the call: its sandbox died while serving it, or it said it could not. */
    public static final int IPC_SERVER_FAILED = -206;
    /**
     * Calls nest deeper than {@link org.hicsim.core0.ipc.Rendezvous#DEPTH_MAX} (a call made while serving a call
     * ...): how a cycle of services calling each other ends.
     */
    public static final int IPC_CALL_DEPTH_EXCEEDED = -207;

    /** FNV-1a, 64 bits: a stable hash of a sandbox's name, whatever the JVM. */
    private static final long FNV_OFFSET_BASIS = 0xCBF2_9CE4_8422_2325L;
    private static final long FNV_PRIME = 0x0100_0000_01B3L;

    private final Kernel kernel;
    private final Sandbox sandbox;
    private final int sandboxId;
    private final PageTable pageTable;
    private final long memoryBytes;
    private final MemoryAccess memoryAccess;
    private final CapabilitySystem capabilities;
    private final MemoryRegions regions;
    private final SharedRegions sharedRegions;
    private final EndpointTable endpoints;
    private final ServiceRegistry registry;
    private final ServiceCalls serviceCalls;
    private final SplittableRandom random;
    private Configuration configuration = Configuration.EMPTY;

    SystemCalls(final Kernel kernel, final Sandbox sandbox)
    {
        this.kernel = kernel;
        this.sandbox = sandbox;
        this.sandboxId = sandbox.id();
        this.pageTable = sandbox.pageTable();
        this.memoryBytes = sandbox.spec().memoryBytes();
        this.memoryAccess = kernel.memoryAccess();
        this.capabilities = kernel.capabilities();
        this.regions = kernel.regions();
        this.sharedRegions = kernel.sharedRegions();
        this.endpoints = kernel.endpoints();
        this.registry = kernel.registry();
        this.serviceCalls = kernel.serviceCalls();
        this.random = new SplittableRandom(kernel.simulation().seed() ^ nameHash(sandbox.name()));
    }

    @Override
    public int sandboxId()
    {
        return sandboxId;
    }

    @Override
    public long nowNs()
    {
        return kernel.simulation().nowNs();
    }

    @Override
    public Configuration configuration()
    {
        return configuration;
    }

    /**
     * Kernel side: what {@link #configuration()} answers from now on. The loader sets it before {@code init}, and
     * again each time the service accepts a newer one.
     */
    public void configuration(final Configuration configuration)
    {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /**
     * A {@link SplittableRandom} seeded with the run's seed mixed with a hash of the sandbox's name, so that what a
     * sandbox draws depends on which sandbox it is, not on how many were made before it. Each {@code SystemCalls}
     * has its own stream: the loader makes one per instance.
     */
    @Override
    public long nextRandom()
    {
        return random.nextLong();
    }

    @Override
    public long memoryBase()
    {
        return Sandbox.MEMORY_BASE;
    }

    /**
     * The size the sandbox was created with: pages it gave away in a memory region still count, and pages of
     * regions it was given do not (they are mapped wherever it chose).
     */
    @Override
    public long memoryBytes()
    {
        return memoryBytes;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Memory, through the sandbox's page table
    // ----------------------------------------------------------------------------------------------------------

    @Override
    public byte loadByte(final long virtualAddress)
    {
        try
        {
            return memoryAccess.loadByte(pageTable, virtualAddress);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(sandbox, fault);
        }
    }

    @Override
    public void storeByte(final long virtualAddress, final byte value)
    {
        try
        {
            memoryAccess.storeByte(pageTable, virtualAddress, value);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(sandbox, fault);
        }
    }

    @Override
    public int loadInt(final long virtualAddress)
    {
        try
        {
            return memoryAccess.loadInt(pageTable, virtualAddress);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(sandbox, fault);
        }
    }

    @Override
    public void storeInt(final long virtualAddress, final int value)
    {
        try
        {
            memoryAccess.storeInt(pageTable, virtualAddress, value);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(sandbox, fault);
        }
    }

    @Override
    public long loadLong(final long virtualAddress)
    {
        try
        {
            return memoryAccess.loadLong(pageTable, virtualAddress);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(sandbox, fault);
        }
    }

    @Override
    public void storeLong(final long virtualAddress, final long value)
    {
        try
        {
            memoryAccess.storeLong(pageTable, virtualAddress, value);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(sandbox, fault);
        }
    }

    @Override
    public void loadBytes(final long virtualAddress, final byte[] dst, final int dstOffset, final int length)
    {
        try
        {
            memoryAccess.loadBytes(pageTable, virtualAddress, dst, dstOffset, length);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(sandbox, fault);
        }
    }

    @Override
    public void storeBytes(final long virtualAddress, final byte[] src, final int srcOffset, final int length)
    {
        try
        {
            memoryAccess.storeBytes(pageTable, virtualAddress, src, srcOffset, length);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(sandbox, fault);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Capabilities: the caller is always this sandbox
    // ----------------------------------------------------------------------------------------------------------

    public long copy(final long handle, final int rights)
    {
        return capabilities.copy(sandboxId, handle, rights);
    }

    public long mint(final long handle, final int rights, final long badge)
    {
        return capabilities.mint(sandboxId, handle, rights, badge);
    }

    /**
     * Moves a capability to another sandbox; a memory region's pages, frames and quota move with it
     * ({@link MemoryRegions#transfer}).
     */
    @Override
    public long transfer(final long handle, final int targetSandboxId)
    {
        if (isMemoryRegion(handle))
        {
            return regions.transfer(sandboxId, pageTable, handle, targetSandboxId);
        }
        return capabilities.transfer(sandboxId, handle, targetSandboxId);
    }

    public long revoke(final long handle)
    {
        return capabilities.revoke(sandboxId, handle);
    }

    /**
     * Deletes a capability; deleting a memory region's ends the region, and its pages stay this sandbox's memory
     * ({@link MemoryRegions#delete}).
     */
    @Override
    public long delete(final long handle)
    {
        if (isMemoryRegion(handle))
        {
            return regions.delete(sandboxId, handle);
        }
        return capabilities.delete(sandboxId, handle);
    }

    /**
     * The handle the loader named {@code name} with {@link Kernel#nameCapability} when it started the sandbox.
     */
    @Override
    public long capability(final String name)
    {
        return sandbox.isAlive() ? kernel.namedCapability(sandboxId, name) : NO_CAPABILITY;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Memory regions
    // ----------------------------------------------------------------------------------------------------------

    /**
     * See {@link MemoryRegions#create}: the pages must be mapped read-write over physically consecutive frames
     * this sandbox owns and no other region has.
     */
    @Override
    public long createRegion(final long virtualAddress, final int pageCount)
    {
        return regions.create(sandboxId, pageTable, virtualAddress, pageCount);
    }

    /**
     * See {@link MemoryRegions#map}.
     */
    @Override
    public int mapRegion(final long regionHandle, final long virtualAddress)
    {
        return regions.map(sandboxId, pageTable, regionHandle, virtualAddress);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Shared regions (hybrid isolation): Core-0 writes, holders map read-only and read directly
    // ----------------------------------------------------------------------------------------------------------

    /**
     * See {@link SharedRegions#createWritable}: this sandbox is the region's writer.
     */
    @Override
    public long createSharedRegion(final int snapshotBytes)
    {
        return sharedRegions.createWritable(sandboxId, sandbox.name(), snapshotBytes);
    }

    /**
     * See {@link SharedRegions#map}.
     */
    @Override
    public int mapSharedRegion(final long sharedHandle, final long virtualAddress)
    {
        return sharedRegions.map(sandboxId, pageTable, sharedHandle, virtualAddress);
    }

    /**
     * See {@link SharedRegions#publish}.
     */
    @Override
    public int publishSharedRegion(final long sharedHandle, final byte[] src, final int offset, final int length)
    {
        return sharedRegions.publish(sandboxId, sharedHandle, src, offset, length);
    }

    // ----------------------------------------------------------------------------------------------------------
    // IPC and service calls
    // ----------------------------------------------------------------------------------------------------------

    /**
     * Sends a message on an endpoint the caller holds with {@link Rights#WRITE}.
     */
    public int send(
        final long endpointHandle, final int msgTypeId, final DirectBuffer src, final int offset, final int length)
    {
        final int endpointId = capabilities.check(sandboxId, endpointHandle, ObjectKind.IPC_ENDPOINT, Rights.WRITE);
        if (endpointId < 0)
        {
            return endpointId;
        }
        return sendTo(endpoints.get(endpointId), msgTypeId, src, offset, length);
    }

    /**
     * Hands due messages of an endpoint the caller holds with {@link Rights#READ} to {@code handler}.
     *
     * @return the number of messages handed over, or a negative code.
     */
    public int receive(final long endpointHandle, final MessageHandler handler, final int limit)
    {
        final int endpointId = capabilities.check(sandboxId, endpointHandle, ObjectKind.IPC_ENDPOINT, Rights.READ);
        if (endpointId < 0)
        {
            return endpointId;
        }
        final Endpoint endpoint = endpoints.get(endpointId);
        return endpoint == null ? IPC_NO_ENDPOINT : endpoint.receive(handler, limit);
    }

    /**
     * Sends to a service through a service capability held with {@link Rights#CALL}, without waiting: the message
     * is queued on whatever endpoint is the service's default at this moment, so an endpoint switch redirects the
     * very next one. {@link #call(long, Message, Message)} is the synchronous call.
     */
    public int call(
        final long serviceHandle, final int msgTypeId, final DirectBuffer src, final int offset, final int length)
    {
        final int serviceId = capabilities.check(sandboxId, serviceHandle, ObjectKind.SERVICE_ENDPOINT, Rights.CALL);
        if (serviceId < 0)
        {
            return serviceId;
        }
        return sendTo(endpoints.get(registry.nextEndpoint(serviceId)), msgTypeId, src, offset, length);
    }

    /**
     * Calls a service through a service capability held with {@link Rights#CALL} and returns with its reply: a
     * synchronous rendezvous (seL4's Call) with the server of the service's default endpoint at this moment. The
     * server works on Core-0's copies of the messages, never on these objects. Calls made while serving a call
     * nest, at most {@link org.hicsim.core0.ipc.Rendezvous#DEPTH_MAX} deep.
     *
     * @return {@link #OK} with the answer in {@code reply}, a {@code CapError} code, or {@link #IPC_NO_ENDPOINT},
     * {@link #IPC_NOT_ACCEPTING}, {@link #IPC_NO_SERVER}, {@link #IPC_CALL_DEPTH_EXCEEDED}, {@link #IPC_SERVER_FAILED}.
     * @throws SandboxTerminatedException if this sandbox died while the call was served (a call back into it
     *                                    faulted).
     */
    @Override
    public int call(final long serviceHandle, final Message request, final Message reply)
    {
        return serviceCalls.call(sandbox, serviceHandle, request, reply);
    }

    // ----------------------------------------------------------------------------------------------------------
    // CPU and the debug log
    // ----------------------------------------------------------------------------------------------------------

    /**
     * Spends {@code workNs} of CPU under the sandbox's quota, starting now.
     *
     * @return the virtual time at which the work is done: later than now plus the work when throttled.
     * @throws SandboxTerminatedException if the sandbox has died: it has no CPU left to spend, as it has no
     *                                    memory left to touch.
     */
    @Override
    public long compute(final long workNs)
    {
        if (!sandbox.isAlive())
        {
            throw new SandboxTerminatedException(sandboxId, "no longer running");
        }
        return kernel.cpu().quota(sandboxId).run(kernel.simulation().nowNs(), workNs);
    }

    /**
     * Writes a line to the run's trace through a debug-log capability held with {@link Rights#WRITE}.
     */
    @Override
    public int log(final long logHandle, final String message)
    {
        final int logId = capabilities.check(sandboxId, logHandle, ObjectKind.DEBUG_LOG, Rights.WRITE);
        if (logId < 0)
        {
            return logId;
        }
        kernel.simulation().trace().record("log", "sandbox=" + sandboxId + " log=" + logId
            + " message=" + message.replace('\n', ' '));
        return OK;
    }

    /**
     * Whether a transfer or delete must go through the region mechanism; a handle that names nothing goes to the
     * capability system, which refuses it.
     */
    private boolean isMemoryRegion(final long handle)
    {
        final Capability capability = capabilities.find(sandboxId, handle);
        return capability != null && capability.kind() == ObjectKind.MEMORY_REGION;
    }

    private static long nameHash(final String name)
    {
        long hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < name.length(); i++)
        {
            hash = (hash ^ name.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    private static int sendTo(
        final Endpoint endpoint, final int msgTypeId, final DirectBuffer src, final int offset, final int length)
    {
        if (endpoint == null)
        {
            return IPC_NO_ENDPOINT;
        }
        return endpoint.send(msgTypeId, src, offset, length);
    }
}
