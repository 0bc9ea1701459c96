package org.hicsim.services.netstack;

/**
 * Where netstack keeps each structure in its sandbox: offsets from the sandbox's memory base, every structure
 * page aligned. The structures of fixed size come first, at the offsets below; those whose size follows from the
 * configured capacity (connections, buffer bytes per connection) come after them, at offsets a {@link MemoryMap}
 * computes once.
 * <pre>
 *  memoryBase + 0          +-----------------------------+
 *                          | header          (1 page)    |  counts, clocks, counters, capacity
 *  STAGING_OFFSET          +-----------------------------+
 *                          | staging         (1 page)    |  snapshot header and records being checked
 *  ROUTES_OFFSET           +-----------------------------+
 *                          | route table     (1 page)    |
 *  ARP_OFFSET              +-----------------------------+
 *                          | ARP cache       (4 pages)   |
 *  SIZED_OFFSET            +-----------------------------+  - - - - - - - - - - sized by the capacity - - -
 *                          | free-slot bitmap            |  one bit per slot, set when free and usable
 *                          +-----------------------------+
 *                          | 5-tuple index               |  open addressing, slot + 1 per entry, 2x the slots
 *                          +-----------------------------+
 *                          | connection slots            |  SLOT_LENGTH each
 *                          +-----------------------------+
 *                          | buffer pool                 |  one buffer (BufferDescriptor) per slot
 *  required length         +-----------------------------+
 *                          :  rest of the sandbox memory :
 *  memoryBase+memoryBytes  +-----------------------------+
 *                          | guard page (never mapped)   |
 *  window base             +-----------------------------+
 *                          | window                      |  buffers received from other instances, one per slot
 *                          +-----------------------------+
 * </pre>
 * A slot's buffer lies in the pool until its pages leave with a migrated connection; a buffer received from
 * another instance is mapped in the window, outside the sandbox's own memory, where nothing else is ever mapped,
 * and stays there as this sandbox's memory. Memory is backed lazily, so a table sized for a million connections
 * costs real memory only for the slots and buffers that are written.
 */
public final class MemoryMapDescriptor
{
    /** Core-0's page size. */
    public static final int PAGE_SIZE = 4096;

    /** The connection slots of an instance configured with none: what netstack always had. */
    public static final int CONNECTIONS_DEFAULT = 4096;
    /** A connection id carries its slot in {@link ConnectionIdDescriptor#SLOT_LENGTH} bits. */
    public static final int CONNECTIONS_MAX = 1 << ConnectionIdDescriptor.SLOT_LENGTH;
    /** Bytes of one connection's buffer when none is configured: a send and a receive ring of a page each. */
    public static final int BUFFER_BYTES_DEFAULT = 2 * PAGE_SIZE;
    /** A page: two rings of 2 KiB, each still room for a full TCP segment or UDP datagram. */
    public static final int BUFFER_BYTES_MIN = PAGE_SIZE;
    /** Two rings of 64 KiB: TCP's largest window without window scaling. */
    public static final int BUFFER_BYTES_MAX = 2 * 64 * 1024;

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
    public static final int ROUTES_OFFSET = STAGING_OFFSET + STAGING_LENGTH;
    public static final int ROUTES_LENGTH = ROUTE_CAPACITY * RouteEntryDescriptor.LENGTH;
    public static final int ARP_OFFSET = ROUTES_OFFSET + ROUTES_LENGTH;
    public static final int ARP_LENGTH = ARP_CAPACITY * ArpEntryDescriptor.LENGTH;
    /** Where the structures sized by the capacity begin. */
    public static final int SIZED_OFFSET = ARP_OFFSET + ARP_LENGTH;

    private MemoryMapDescriptor()
    {
    }

    /** The first address of the window: past the sandbox's own memory and one guard page. */
    public static long windowBase(final long memoryBase, final long memoryBytes)
    {
        final long end = memoryBase + memoryBytes;
        return ((end + PAGE_SIZE - 1) & -PAGE_SIZE) + PAGE_SIZE;
    }

    /** {@code length} rounded up to whole pages. */
    static long pages(final long length)
    {
        return (length + PAGE_SIZE - 1) & -PAGE_SIZE;
    }
}
