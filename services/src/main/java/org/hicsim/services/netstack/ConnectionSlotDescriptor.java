package org.hicsim.services.netstack;

/**
 * Layout of one slot of the connection table: what only this instance needs about the slot, then the
 * connection's state record, the part that travels in snapshots and migrations.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Slot State (SlotState)                     |  0
 *  +-------------------------------------------------------------+-+
 *  |                          Reserved                           |G|  4
 *  +-------------------------------------------------------------+-+
 *  |                Buffer Address (0: no buffer here)             |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            |  16
 *  |                                                               |
 *  |                                                               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 State Record (per state version)             ...  32
 *  +---------------------------------------------------------------+
 * </pre>
 * G (pool gone): the slot's pool pages left with a migrated connection; the buffer address is then 0 or in the
 * window. A slot keeps its buffer after its connection closes, for the next connection it holds. No capability
 * is kept: the buffer's pages are made a memory region only to be transferred, and a received region's
 * capability is deleted once it is mapped, so a sandbox's capability space holds none at rest however many
 * connections it serves.
 */
public final class ConnectionSlotDescriptor
{
    public static final int STATE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 4;
    public static final int BUFFER_ADDRESS_OFFSET = 8;
    public static final int RECORD_OFFSET = 32;
    /** Room for a state record of any version. */
    public static final int RECORD_LENGTH_MAX = MemoryMapDescriptor.SLOT_LENGTH - RECORD_OFFSET;

    public static final int FLAG_POOL_GONE = 1;

    private ConnectionSlotDescriptor()
    {
    }
}
