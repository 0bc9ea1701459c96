package org.hicsim.services.eth_driver;

/**
 * Layout of the driver's state at the start of its sandbox memory: the control words, the counters, then the TX
 * ring ({@link TxRingDescriptor}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Migration Phase                        |  0
 *  +---------------------------------------------------------------+
 *  |                              MTU                              |  4
 *  +---------------------------------------------------------------+
 *  |                           Ring Slots                          |  8
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                        | 12
 *  +---------------------------------------------------------------+
 *  |                   Producer Index (u64, frames)                | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Consumer Index (u64, frames)                | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Link Free At (u64, virtual ns)              | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                       ...40
 *  +---------------------------------------------------------------+
 *  |               Counters (EthStatsDescriptor layout)           ...64
 *  +---------------------------------------------------------------+
 *  |                     TX Ring (TxRingDescriptor)               ...128
 *  +---------------------------------------------------------------+
 * </pre>
 * The indexes only grow: a frame's slot is its index modulo the ring size, the ring holds producer minus
 * consumer frames, and the consumer passes a frame once the link has sent its last bit. Link free at is when the
 * link finishes the last frame queued, so a new frame starts there or now, whichever is later.
 */
public final class DriverStateDescriptor
{
    public static final int PHASE_OFFSET = 0;
    public static final int MTU_OFFSET = PHASE_OFFSET + Integer.BYTES;
    public static final int RING_SLOTS_OFFSET = MTU_OFFSET + Integer.BYTES;
    public static final int PRODUCER_OFFSET = 16;
    public static final int CONSUMER_OFFSET = PRODUCER_OFFSET + Long.BYTES;
    public static final int LINK_FREE_AT_OFFSET = CONSUMER_OFFSET + Long.BYTES;
    public static final int STATS_OFFSET = 64;
    public static final int STATS_LENGTH_MAX = 64;
    public static final int RING_OFFSET = STATS_OFFSET + STATS_LENGTH_MAX;

    private DriverStateDescriptor()
    {
    }

    /** Bytes of sandbox memory the driver's structures take with a ring of {@code ringSlots}. */
    public static long length(final int ringSlots)
    {
        return RING_OFFSET + TxRingDescriptor.length(ringSlots);
    }
}
