package org.hicsim.core0.memory;

/**
 * A load or store that its sandbox's page table does not allow. Thrown, not returned, because the access is
 * made from inside a service's code: unwinding it is the only way to stop that code at the faulting access,
 * and the kernel turns the fault into the death of that sandbox alone. Thrown only on the fault path, and
 * without a stack trace, since the faulting address says where.
 */
public final class PageFault extends RuntimeException
{
    private final int sandboxId;
    private final long virtualAddress;
    private final int access;
    private final long code;

    /**
     * @param code {@link PageTable#NOT_MAPPED} or {@link PageTable#PERMISSION_DENIED}.
     */
    public PageFault(final int sandboxId, final long virtualAddress, final int access, final long code)
    {
        super(null, null, false, false);
        this.sandboxId = sandboxId;
        this.virtualAddress = virtualAddress;
        this.access = access;
        this.code = code;
    }

    public int sandboxId()
    {
        return sandboxId;
    }

    public long virtualAddress()
    {
        return virtualAddress;
    }

    /**
     * @return the {@link PagePermissions} bit the access needed.
     */
    public int access()
    {
        return access;
    }

    public long code()
    {
        return code;
    }

    @Override
    public String getMessage()
    {
        return "page fault sandboxId=" + sandboxId + " virtualAddress=0x" + Long.toHexString(virtualAddress) +
            " access=" + PagePermissions.describe(access) +
            " code=" + (code == PageTable.NOT_MAPPED ? "NOT_MAPPED" : "PERMISSION_DENIED");
    }
}
