package org.hicsim.core0.cap;

/**
 * The kinds of kernel object a capability can name. An object is identified by (kind, object id); the id space
 * of each kind belongs to the component that owns those objects (physical memory, IPC, the service registry).
 * <p>
 * Append only: a kind's {@link #code()} is stored in capability slots and printed in traces.
 */
public enum ObjectKind
{
    MEMORY_REGION,
    IPC_ENDPOINT,
    SERVICE_ENDPOINT,
    SHARED_REGION,
    DEVICE_MMIO,
    SANDBOX_CONTROL,
    SYSCALL_GATE,
    DEBUG_LOG,
    /**
     * One service's per-connection dispatch table (the object id is the service id): {@link Rights#WRITE} lets
     * its holder, the Module Manager, move connections between instances and set where new ones go.
     */
    DISPATCH_TABLE,
    /**
     * Core-0's persistent store device (the object id is {@code PersistentStore.DEVICE_ID}): {@link Rights#READ}
     * reads files and asks their lengths, {@link Rights#WRITE} appends, truncates and deletes.
     */
    PERSISTENT_STORE;

    private static final ObjectKind[] BY_ORDINAL = values();

    private final int code = ordinal() + 1;

    /**
     * The kind's code in a {@link CapSlotDescriptor slot word}: never {@link CapSlotDescriptor#EMPTY_KIND}, so an
     * empty slot matches no kind.
     */
    public int code()
    {
        return code;
    }

    /**
     * @throws IllegalArgumentException when {@code code} names no kind.
     */
    public static ObjectKind fromCode(final int code)
    {
        if (code < 1 || code > BY_ORDINAL.length)
        {
            throw new IllegalArgumentException("code=" + code + " names no ObjectKind");
        }
        return BY_ORDINAL[code - 1];
    }
}
