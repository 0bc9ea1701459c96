package org.hicsim.services.faulty;

/**
 * Layout of what a fault keeps of its own, in the last {@link #LENGTH} bytes of the sandbox's memory, above
 * everything netstack uses (netstack's structures end at its {@code MemoryMap.requiredLength()}), so the fault's
 * state is sandbox state like netstack's, not a Java field.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   Requests Handled (u64)                      |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Started At (u64, ns, virtual)                 |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    After Requests (u64)                       | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     After Ns (u64, ns)                        | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Parameter (u64)                         | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Bytes Leaked (u64)                       | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                       ...48
 *  +---------------------------------------------------------------+
 * </pre>
 * After requests and after ns say when a delayed fault strikes (from the request after the first so many, and
 * from so long after its start); the parameter is the fault's own one (a rate, a size), as it was configured,
 * encoded by the fault. Leaked memory grows down from just below this block towards the end of netstack's
 * structures.
 */
public final class FaultStateDescriptor
{
    public static final int REQUESTS_OFFSET = 0;
    public static final int STARTED_AT_OFFSET = 8;
    public static final int AFTER_REQUESTS_OFFSET = 16;
    public static final int AFTER_NS_OFFSET = 24;
    public static final int PARAMETER_OFFSET = 32;
    public static final int LEAKED_OFFSET = 40;
    public static final int LENGTH = 64;

    private FaultStateDescriptor()
    {
    }

    /** Where the block starts in a sandbox of {@code memoryBytes} from {@code memoryBase}. */
    public static long address(final long memoryBase, final long memoryBytes)
    {
        return memoryBase + memoryBytes - LENGTH;
    }
}
