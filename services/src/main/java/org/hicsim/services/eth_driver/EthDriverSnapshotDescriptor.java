package org.hicsim.services.eth_driver;

/**
 * Layout of the body of an eth_driver snapshot (after {@link org.hicsim.services.common.SnapshotDescriptor}'s
 * header): the link configuration and the counters, in the layout of the snapshot's state version.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                              MTU                              |
 *  +---------------------------------------------------------------+
 *  |         Counters (EthStatsDescriptor, version 1 or 2)        ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The TX ring is hardware state and does not migrate: the driver drains it before it quiesces.
 */
public final class EthDriverSnapshotDescriptor
{
    public static final int MTU_OFFSET = 0;
    public static final int STATS_OFFSET = MTU_OFFSET + Integer.BYTES;

    private EthDriverSnapshotDescriptor()
    {
    }

    public static int length(final EthStatsLayout layout)
    {
        return STATS_OFFSET + layout.length();
    }
}
