package org.hicsim.services.eth_driver;

/**
 * Layout of the statistics a driver publishes in its shared region (the HIC document's "shared statistics memory
 * region", step 2.2), which readers such as netstack or the Monitor map read-only and read directly instead of
 * asking by {@link EthDriverProtocol#RECEIVE_STATS}. Every version publishes this one layout, all counters 64 bits
 * wide in {@link EthStatsDescriptor}'s order, so a reader need not know which version writes it.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                       Layout Version                          |
 *  +---------------------------------------------------------------+
 *  |                             MTU                               |
 *  +---------------------------------------------------------------+
 *  |                   Published At (ns, u64)                      |
 *  +---------------------------------------------------------------+
 *  |                      TX Frames (u64)                          |
 *  +---------------------------------------------------------------+
 *  |                      TX Bytes (u64)                           |
 *  +---------------------------------------------------------------+
 *  |                      TX Dropped (u64)                         |
 *  +---------------------------------------------------------------+
 *  |                      TX Errors (u64)                          |
 *  +---------------------------------------------------------------+
 *  |                 TX Checksum Offloaded (u64)                   |
 *  +---------------------------------------------------------------+
 * </pre>
 * Layout Version is the writer's counter layout ({@link EthStatsLayout#stateVersion()}): under version 1 the
 * counters wrap at 32 bits as 1.1.0's registers do, and TX Checksum Offloaded stays 0. The driver transmits only,
 * so there are no receive counters.
 */
public final class EthSharedStatsDescriptor
{
    public static final int LAYOUT_VERSION_OFFSET = 0;
    public static final int MTU_OFFSET = LAYOUT_VERSION_OFFSET + Integer.BYTES;
    public static final int PUBLISHED_AT_NS_OFFSET = MTU_OFFSET + Integer.BYTES;
    public static final int COUNTERS_OFFSET = PUBLISHED_AT_NS_OFFSET + Long.BYTES;
    public static final int LENGTH = COUNTERS_OFFSET + EthStatsDescriptor.COUNTERS_MAX * Long.BYTES;

    private EthSharedStatsDescriptor()
    {
    }

    /**
     * @param counter one of {@link EthStatsDescriptor}'s counter indexes.
     */
    public static int counterOffset(final int counter)
    {
        return COUNTERS_OFFSET + counter * Long.BYTES;
    }
}
