package org.hicsim.services.faulty;

/**
 * Layout of what a fault keeps of its own, in the last {@link #LENGTH} bytes of the sandbox's memory, above
 * everything netstack uses (netstack's structures end at {@code MemoryMapDescriptor.REQUIRED_LENGTH}), so the
 * fault's state is sandbox state like netstack's, not a Java field.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   Requests Handled (u64)                      |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Generator State (u64, SplitMix64)             |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Bytes Leaked (u64)                       | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                       ...24
 *  +---------------------------------------------------------------+
 * </pre>
 * Leaked memory grows down from just below this block towards the end of netstack's structures.
 */
public final class FaultStateDescriptor
{
    public static final int REQUESTS_OFFSET = 0;
    public static final int GENERATOR_OFFSET = 8;
    public static final int LEAKED_OFFSET = 16;
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
