package org.hicsim.services.netstack;

/**
 * Where netstack keeps each structure in its sandbox: offsets from the sandbox's memory base, every structure
 * page aligned.
 * <pre>
 *  memoryBase + 0          +-----------------------------+
 *                          | header          (1 page)    |  counts, clocks, counters
 *  STAGING_OFFSET          +-----------------------------+
 *                          | staging         (1 page)    |  snapshot header and records being checked
 *  FREE_MAP_OFFSET         +-----------------------------+
 *                          | free-slot bitmap (1 page)   |  one bit per slot, set when free and usable
 *  INDEX_OFFSET            +-----------------------------+
 *                          | 5-tuple index   (8 pages)   |  open addressing, slot + 1 per entry
 *  ROUTES_OFFSET           +-----------------------------+
 *                          | route table     (1 page)    |
 *  ARP_OFFSET              +-----------------------------+
 *                          | ARP cache       (4 pages)   |
 *  SLOTS_OFFSET            +-----------------------------+
 *                          | connection slots (256 pages)|  SLOT_LENGTH each
 *  BUFFERS_OFFSET          +-----------------------------+
 *                          | buffer pool     (8192 pages)|  BufferDescriptor.LENGTH per slot
 *  REQUIRED_LENGTH         +-----------------------------+
 *                          :  rest of the sandbox memory :
 *  memoryBase+memoryBytes  +-----------------------------+
 *                          | guard page (never mapped)   |
 *  window base             +-----------------------------+
 *                          | window          (8192 pages)|  buffers received from other instances
 *                          +-----------------------------+
 * </pre>
 * A slot's buffer lies in the pool at {@link #poolBufferOffset} until its pages leave with a migrated
 * connection; a buffer received from another instance is mapped in the window at {@link #windowBufferAddress},
 * outside the sandbox's own memory, where nothing else is ever mapped, and stays there as this sandbox's memory.
 */
public final class MemoryMapDescriptor
{
    /** Core-0's page size. */
    public static final int PAGE_SIZE = 4096;

    /** Connection slots; a connection id carries its slot in 16 bits, so at most 65536. */
    public static final int CONNECTION_CAPACITY = 4096;
    /** 5-tuple index entries: twice the slots, so probes stay short. A power of two. */
    public static final int INDEX_CAPACITY = 2 * CONNECTION_CAPACITY;
    public static final int INDEX_ENTRY_LENGTH = Integer.BYTES;
    public static final int ROUTE_CAPACITY = 256;
    /** A power of two. */
    public static final int ARP_CAPACITY = 1024;
    /** Bytes per connection slot: a slot header and a record of any state version. */
    public static final int SLOT_LENGTH = 256;

    public static final int HEADER_OFFSET = 0;
    public static final int STAGING_OFFSET = HEADER_OFFSET + PAGE_SIZE;
    public static final int STAGING_LENGTH = PAGE_SIZE;
    /** Where a snapshot's header is composed on export and read back on import. */
    public static final int STAGING_SNAPSHOT_HEADER_OFFSET = STAGING_OFFSET;
    /** Where a record from outside is placed to be checked before it reaches a slot. */
    public static final int STAGING_RECORD_OFFSET = STAGING_OFFSET + STAGING_LENGTH / 2;
    public static final int FREE_MAP_OFFSET = STAGING_OFFSET + STAGING_LENGTH;
    public static final int FREE_MAP_LENGTH = PAGE_SIZE;
    public static final int INDEX_OFFSET = FREE_MAP_OFFSET + FREE_MAP_LENGTH;
    public static final int INDEX_LENGTH = INDEX_CAPACITY * INDEX_ENTRY_LENGTH;
    public static final int ROUTES_OFFSET = INDEX_OFFSET + INDEX_LENGTH;
    public static final int ROUTES_LENGTH = ROUTE_CAPACITY * RouteEntryDescriptor.LENGTH;
    public static final int ARP_OFFSET = ROUTES_OFFSET + ROUTES_LENGTH;
    public static final int ARP_LENGTH = ARP_CAPACITY * ArpEntryDescriptor.LENGTH;
    public static final int SLOTS_OFFSET = ARP_OFFSET + ARP_LENGTH;
    public static final int SLOTS_LENGTH = CONNECTION_CAPACITY * SLOT_LENGTH;
    public static final int BUFFERS_OFFSET = SLOTS_OFFSET + SLOTS_LENGTH;
    public static final int BUFFERS_LENGTH = CONNECTION_CAPACITY * BufferDescriptor.LENGTH;
    /** The least sandbox memory netstack runs in. */
    public static final int REQUIRED_LENGTH = BUFFERS_OFFSET + BUFFERS_LENGTH;

    /** Bytes every instance uses whatever it holds: everything but the buffer pool. */
    public static final int FIXED_STRUCTURES_LENGTH = BUFFERS_OFFSET;

    private MemoryMapDescriptor()
    {
    }

    public static int slotOffset(final int slot)
    {
        return SLOTS_OFFSET + slot * SLOT_LENGTH;
    }

    public static int poolBufferOffset(final int slot)
    {
        return BUFFERS_OFFSET + slot * BufferDescriptor.LENGTH;
    }

    /** The first address of the window: past the sandbox's own memory and one guard page. */
    public static long windowBase(final long memoryBase, final long memoryBytes)
    {
        final long end = memoryBase + memoryBytes;
        return ((end + PAGE_SIZE - 1) & -PAGE_SIZE) + PAGE_SIZE;
    }

    public static long windowBufferAddress(final long windowBase, final int slot)
    {
        return windowBase + (long)slot * BufferDescriptor.LENGTH;
    }

    /**
     * @throws IllegalStateException when the sandbox is too small for netstack's structures.
     */
    public static void checkMemory(final long memoryBase, final long memoryBytes)
    {
        if ((memoryBase & (PAGE_SIZE - 1)) != 0 || memoryBytes < REQUIRED_LENGTH)
        {
            throw new IllegalStateException("memoryBase=0x" + Long.toHexString(memoryBase) + " memoryBytes="
                + memoryBytes + " need a page-aligned base and at least " + REQUIRED_LENGTH + " bytes");
        }
    }
}
