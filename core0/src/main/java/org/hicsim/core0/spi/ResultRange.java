package org.hicsim.core0.spi;

/**
 * The negative result codes of every layer, each layer in a range of its own, so a code that crosses layers
 * (Core-0's refusal of a mapping returned by a service's {@code activate_connection}, a service's code in a
 * reply, the host's {@code DEAD}) names the layer it came from and is never read as another layer's. Zero is
 * success everywhere.
 * <pre>
 *        -1 ..   -99  STATUS      the SPI's codes ({@link Status})
 *      -100 ..  -199  CAPABILITY  a refused capability operation ({@code cap.CapError})
 *      -200 ..  -299  IPC         endpoints and calls ({@code SystemCalls.IPC_*}, {@code ipc.Endpoint})
 *      -300 ..  -399  REGION      memory regions ({@code region.RegionError})
 *      -400 ..  -499  MEMORY      physical memory ({@code memory.PhysicalMemory})
 *      -500 ..  -599  SANDBOX     the sandbox manager ({@code sandbox.SandboxError})
 *      -600 ..  -699  REGISTRY    the service registry ({@code registry.ServiceRegistry})
 *      -700 ..  -799  HOST        the service host ({@code ServiceInstance.DEAD})
 *      -800 ..  -899  DISPATCH    the per-connection dispatch table ({@code dispatch.Dispatcher})
 *      -900 ..  -999  SHARED      shared regions ({@code memory.shared.SharedRegionError})
 *  -2^31 .. -1000  SERVICE     a service's own, from {@link Status#SERVICE_BASE} down
 * </pre>
 * A layer's codes never change meaning; new ones are appended within its range.
 */
public enum ResultRange
{
    STATUS(-1, -99),
    CAPABILITY(-100, -199),
    IPC(-200, -299),
    REGION(-300, -399),
    MEMORY(-400, -499),
    SANDBOX(-500, -599),
    REGISTRY(-600, -699),
    HOST(-700, -799),
    DISPATCH(-800, -899),
    SHARED(-900, -999),
    SERVICE(-1000, Integer.MIN_VALUE);

    private static final ResultRange[] VALUES = values();

    private final int highest;
    private final int lowest;

    ResultRange(final int highest, final int lowest)
    {
        this.highest = highest;
        this.lowest = lowest;
    }

    /** The range's code closest to zero. */
    public int highest()
    {
        return highest;
    }

    /** The range's most negative code. */
    public int lowest()
    {
        return lowest;
    }

    public boolean contains(final long code)
    {
        return code <= highest && code >= lowest;
    }

    /**
     * @return the range {@code code} lies in, or null for success (zero and above) and the free codes.
     */
    public static ResultRange of(final long code)
    {
        for (final ResultRange range : VALUES)
        {
            if (range.contains(code))
            {
                return range;
            }
        }
        return null;
    }
}
