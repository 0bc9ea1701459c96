package org.hicsim.core0;

import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.memory.MemoryAccess;
import org.hicsim.core0.memory.PageFault;
import org.hicsim.core0.memory.PageTable;

/**
 * The system calls of the model: the one narrow interface through which a service reaches Core-0. Each instance
 * is bound to one sandbox, which is the actor of every call; the service names objects only by capability
 * handles, which are checked on every use, and never receives a reference to a kernel object.
 * <p>
 * Memory is reached through the sandbox's page table. A fault kills the sandbox (and only it) and throws
 * {@link SandboxTerminatedException} so that the service's code stops at the faulting access. Capability
 * operations return seL4-style codes: {@code >= 0} a handle or count, {@code < 0} a
 * {@link org.hicsim.core0.cap.CapError} code.
 */
public final class SystemCalls
{
    private final Kernel kernel;
    private final int sandboxId;
    private final PageTable pageTable;
    private final MemoryAccess memoryAccess;
    private final CapabilitySystem capabilities;

    SystemCalls(final Kernel kernel, final int sandboxId, final PageTable pageTable)
    {
        this.kernel = kernel;
        this.sandboxId = sandboxId;
        this.pageTable = pageTable;
        this.memoryAccess = kernel.memoryAccess();
        this.capabilities = kernel.capabilities();
    }

    public int sandboxId()
    {
        return sandboxId;
    }

    public long nowNs()
    {
        return kernel.simulation().nowNs();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Memory, through the sandbox's page table
    // ----------------------------------------------------------------------------------------------------------

    public byte loadByte(final long virtualAddress)
    {
        try
        {
            return memoryAccess.loadByte(pageTable, virtualAddress);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(fault);
        }
    }

    public void storeByte(final long virtualAddress, final byte value)
    {
        try
        {
            memoryAccess.storeByte(pageTable, virtualAddress, value);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(fault);
        }
    }

    public int loadInt(final long virtualAddress)
    {
        try
        {
            return memoryAccess.loadInt(pageTable, virtualAddress);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(fault);
        }
    }

    public void storeInt(final long virtualAddress, final int value)
    {
        try
        {
            memoryAccess.storeInt(pageTable, virtualAddress, value);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(fault);
        }
    }

    public long loadLong(final long virtualAddress)
    {
        try
        {
            return memoryAccess.loadLong(pageTable, virtualAddress);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(fault);
        }
    }

    public void storeLong(final long virtualAddress, final long value)
    {
        try
        {
            memoryAccess.storeLong(pageTable, virtualAddress, value);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(fault);
        }
    }

    public void loadBytes(final long virtualAddress, final byte[] dst, final int dstOffset, final int length)
    {
        try
        {
            memoryAccess.loadBytes(pageTable, virtualAddress, dst, dstOffset, length);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(fault);
        }
    }

    public void storeBytes(final long virtualAddress, final byte[] src, final int srcOffset, final int length)
    {
        try
        {
            memoryAccess.storeBytes(pageTable, virtualAddress, src, srcOffset, length);
        }
        catch (final PageFault fault)
        {
            throw kernel.onPageFault(fault);
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

    public long transfer(final long handle, final int targetSandboxId)
    {
        return capabilities.transfer(sandboxId, handle, targetSandboxId);
    }

    public long revoke(final long handle)
    {
        return capabilities.revoke(sandboxId, handle);
    }

    public long delete(final long handle)
    {
        return capabilities.delete(sandboxId, handle);
    }
}
