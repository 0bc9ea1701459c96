package org.hicsim.services.netstack;

/**
 * Layout of one route table entry; entries fill the table from the start, in the order they were added.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Prefix Address                        |  0
 *  +---------------------------------------------------------------+
 *  |                 Gateway Address (0: on link)                  |  4
 *  +---------------------------------------------------------------+
 *  |                             Metric                            |  8
 *  +---------------+-----------------------------------------------+
 *  | Prefix Length |                    Reserved                   |  12
 *  +---------------+-----------------------------------------------+
 * </pre>
 * The prefix is stored masked to its length, so a lookup compares it with the masked destination.
 */
public final class RouteEntryDescriptor
{
    public static final int PREFIX_OFFSET = 0;
    public static final int GATEWAY_OFFSET = 4;
    public static final int METRIC_OFFSET = 8;
    public static final int PREFIX_LENGTH_OFFSET = 12;
    public static final int LENGTH = 16;

    public static final int PREFIX_LENGTH_MAX = 32;

    private RouteEntryDescriptor()
    {
    }

    /** The network mask of a prefix length: 0 for the default route, all ones for a host route. */
    public static int mask(final int prefixLength)
    {
        return prefixLength == 0 ? 0 : -1 << (PREFIX_LENGTH_MAX - prefixLength);
    }
}
