package org.hicsim.services.netstack;

/**
 * Layout of the global part of a netstack snapshot, the same in every state version: a header, then the route
 * table and the ARP cache exactly as they lie in sandbox memory, so the new instance warms up from the old one's
 * tables.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Magic ("NSSN")                         |  0
 *  +---------------------------------------------------------------+
 *  |                         State Version                         |  4
 *  +---------------------------------------------------------------+
 *  |                       Connection Count                        |  8
 *  +---------------------------------------------------------------+
 *  |                 Consistency Checkpoint (CRC32C)               |  12
 *  +---------------------------------------------------------------+
 *  |                    Next Connection Serial                     |  16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Route Count                          |  24
 *  +---------------------------------------------------------------+
 *  |                        ARP Entry Count                        |  28
 *  +---------------------------------------------------------------+
 *  |                 Buffer Bytes (per connection)                 |  32
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                        |  36
 *  +---------------------------------------------------------------+
 *  |              Route Table (ROUTE_CAPACITY entries)            ...  40
 *  +---------------------------------------------------------------+
 *  |               ARP Cache (ARP_CAPACITY entries)               ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The checkpoint is the CRC32C (Castagnoli) over, in snapshot order, each connection's id (8 bytes,
 * little-endian), class code (1 byte) and record, then over this part without the checkpoint's 4 bytes: a
 * snapshot changed anywhere after export no longer matches it. The buffer bytes are the exporter's configured
 * buffer length: its connections' buffer pages move as they are, so an importer with another length refuses the
 * snapshot. Hardware-specific state (the interface MAC, the eth_driver handle) is not migratable and stays out.
 */
public final class SnapshotGlobalDescriptor
{
    /** "NSSN" read as a little-endian int. */
    public static final int MAGIC = 0x4E53_534E;

    public static final int MAGIC_OFFSET = 0;
    public static final int STATE_VERSION_OFFSET = 4;
    public static final int CONNECTION_COUNT_OFFSET = 8;
    public static final int CHECKPOINT_OFFSET = 12;
    public static final int CHECKPOINT_LENGTH = Integer.BYTES;
    public static final int NEXT_SERIAL_OFFSET = 16;
    public static final int ROUTE_COUNT_OFFSET = 24;
    public static final int ARP_COUNT_OFFSET = 28;
    public static final int BUFFER_BYTES_OFFSET = 32;
    public static final int RESERVED_OFFSET = 36;
    public static final int HEADER_LENGTH = 40;
    public static final int ROUTES_OFFSET = HEADER_LENGTH;
    public static final int ARP_OFFSET = ROUTES_OFFSET + MemoryMapDescriptor.ROUTES_LENGTH;
    public static final int LENGTH = ARP_OFFSET + MemoryMapDescriptor.ARP_LENGTH;

    private SnapshotGlobalDescriptor()
    {
    }
}
