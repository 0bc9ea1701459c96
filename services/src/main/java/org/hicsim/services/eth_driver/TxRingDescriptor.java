package org.hicsim.services.eth_driver;

/**
 * Layout of the TX ring: an array of slot descriptors, then an array of frame buffers, one of each per slot, as a
 * NIC's DMA engine reads them.
 * <pre>
 *  Slot descriptor (16 bytes)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Done At (u64, virtual ns)                  |
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |          Frame Length         |           TX Flags            |
 *  +-------------------------------+-------------------------------+
 *  |                      FCS (CRC-32 of the frame)                |
 *  +---------------------------------------------------------------+
 *
 *  Ring: descriptor 0 .. descriptor N-1, then buffer 0 .. buffer N-1 of BUFFER_LENGTH bytes each
 * </pre>
 * Done at is the virtual time the frame's last bit leaves the wire; the FCS is the Ethernet frame check
 * sequence the NIC appends. A buffer holds the largest frame the MTU allows.
 */
public final class TxRingDescriptor
{
    public static final int DONE_AT_OFFSET = 0;
    public static final int FRAME_LENGTH_OFFSET = DONE_AT_OFFSET + Long.BYTES;
    public static final int FLAGS_OFFSET = FRAME_LENGTH_OFFSET + Short.BYTES;
    public static final int FCS_OFFSET = FLAGS_OFFSET + Short.BYTES;
    public static final int DESCRIPTOR_LENGTH = FCS_OFFSET + Integer.BYTES;

    /** Header and the largest MTU, rounded up to a cache-line multiple. */
    public static final int BUFFER_LENGTH = 1536;

    private TxRingDescriptor()
    {
    }

    public static int descriptorOffset(final int slot)
    {
        return slot * DESCRIPTOR_LENGTH;
    }

    public static long bufferOffset(final int ringSlots, final int slot)
    {
        return (long)ringSlots * DESCRIPTOR_LENGTH + (long)slot * BUFFER_LENGTH;
    }

    public static long length(final int ringSlots)
    {
        return bufferOffset(ringSlots, ringSlots);
    }

    /**
     * @throws IllegalArgumentException unless {@code ringSlots} is a positive power of two.
     */
    public static void checkRingSlots(final int ringSlots)
    {
        if (ringSlots <= 0 || (ringSlots & (ringSlots - 1)) != 0)
        {
            throw new IllegalArgumentException("ringSlots=" + ringSlots + " must be a positive power of two");
        }
    }
}
