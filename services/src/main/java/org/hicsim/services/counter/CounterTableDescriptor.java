package org.hicsim.services.counter;

/**
 * Where the counter keeps its state in sandbox memory: a header, then up to {@link #CAPACITY} slots, one per named
 * counter, filled in order. Version 1.0.0's slot (state version 1) is the tutorial's; 2.0.0's (state version 2)
 * adds the virtual time of the counter's last ADD after it. Multi-byte values are little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Counter Count                         |  header
 *  +---------------------------------------------------------------+
 *  |                          Phase Word                           |
 *  +===============================================================+
 *  |                          Value (64)                           |  slot 0
 *  +---------------------------------------------------------------+
 *  |                          Name Length                          |
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                        |
 *  +---------------------------------------------------------------+
 *  |                     Name (32 bytes, ASCII)                   ...
 *  +---------------------------------------------------------------+
 *  |              Last ADD at, ns (64; state version 2)            |
 *  +===============================================================+
 *  |                      slot 1 ... slot 63                      ...
 *  +---------------------------------------------------------------+
 * </pre>
 * A snapshot's global state is the used slots, in the layout of the snapshot's state version.
 */
public final class CounterTableDescriptor
{
    public static final int COUNT_OFFSET = 0;
    public static final int PHASE_OFFSET = 4;
    public static final int HEADER_LENGTH = 8;

    public static final int VALUE_OFFSET = 0;
    public static final int NAME_LENGTH_OFFSET = 8;
    public static final int NAME_OFFSET = 16;
    public static final int SLOT_V1_LENGTH = NAME_OFFSET + CounterProtocol.NAME_LENGTH_MAX;
    public static final int LAST_ADD_NS_OFFSET = SLOT_V1_LENGTH;
    public static final int SLOT_V2_LENGTH = LAST_ADD_NS_OFFSET + Long.BYTES;

    public static final int CAPACITY = 64;

    private CounterTableDescriptor()
    {
    }

    /** The table's length in memory with slots of {@code slotLength}. */
    public static int tableLength(final int slotLength)
    {
        return HEADER_LENGTH + CAPACITY * slotLength;
    }
}
