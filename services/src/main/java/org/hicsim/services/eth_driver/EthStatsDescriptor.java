package org.hicsim.services.eth_driver;

/**
 * The two layouts of the driver's counters, in its sandbox memory, in its snapshots and in the
 * {@link EthDriverProtocol#RECEIVE_STATS} reply. Version 1 (eth_driver 1.1.0, state version 1) has four 32-bit
 * counters that wrap, as the registers of a 1 Gbit/s NIC of its day do; version 2 (1.2.0, state version 2)
 * widens them to 64 bits and counts checksum offloads.
 * <pre>
 *  Version 1                                    Version 2
 *   0                   1                   2    0                   1                   2
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0
 *  +---------------------------------------+   +---------------------------------------+
 *  |          TX Frames (u32)              |   |          TX Frames (u64)              |
 *  +---------------------------------------+   |                                       |
 *  |          TX Bytes (u32)               |   +---------------------------------------+
 *  +---------------------------------------+   |          TX Bytes (u64)               |
 *  |          TX Dropped (u32)             |   |                                       |
 *  +---------------------------------------+   +---------------------------------------+
 *  |          TX Errors (u32)              |   |          TX Dropped (u64)  ...        |
 *  +---------------------------------------+   +---------------------------------------+
 *                                               |          TX Errors (u64)  ...         |
 *                                               +---------------------------------------+
 *                                               |     TX Checksum Offloaded (u64) ...   |
 *                                               +---------------------------------------+
 * </pre>
 * Counters are little-endian and unsigned. Dropped counts frames that found the TX ring full; errors counts
 * frames refused as malformed or longer than the MTU.
 */
public final class EthStatsDescriptor
{
    public static final int TX_FRAMES = 0;
    public static final int TX_BYTES = 1;
    public static final int TX_DROPPED = 2;
    public static final int TX_ERRORS = 3;
    /** Version 2 only. */
    public static final int TX_CHECKSUM_OFFLOADED = 4;

    public static final int COUNTERS_MAX = TX_CHECKSUM_OFFLOADED + 1;

    public static final int V1_COUNTER_LENGTH = Integer.BYTES;
    public static final int V1_COUNTERS = TX_ERRORS + 1;
    public static final int V1_LENGTH = V1_COUNTER_LENGTH * V1_COUNTERS;

    public static final int V2_COUNTER_LENGTH = Long.BYTES;
    public static final int V2_COUNTERS = COUNTERS_MAX;
    public static final int V2_LENGTH = V2_COUNTER_LENGTH * V2_COUNTERS;

    private EthStatsDescriptor()
    {
    }

    public static int counterOffset(final int counterLength, final int counter)
    {
        return counterLength * counter;
    }
}
