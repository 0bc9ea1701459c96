package org.hicsim.core0.dispatch;

/**
 * The layout of a client connection id: the handle Core-0 gives a client for a connection it opened, and the
 * key of the dispatch table.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-------------------------------------------------------------+
 *  |0|                      Generation (31 bits)                   |
 *  +-+-------------------------------------------------------------+
 *  |                          Slot (32 bits)                       |
 *  +---------------------------------------------------------------+
 * </pre>
 * The slot indexes the service's table; the generation is bumped each time the slot is freed, so the id of a
 * closed connection never reaches the connection that reuses its slot, and no id is zero (Message's
 * {@code NO_CONNECTION}).
 */
public final class ConnectionIdDescriptor
{
    /** The first generation a slot has: never zero, so no id is zero. */
    public static final int GENERATION_FIRST = 1;
    /** Generations wrap from here back to {@link #GENERATION_FIRST}. */
    public static final int GENERATION_MAX = Integer.MAX_VALUE;
    private static final int GENERATION_SHIFT = 32;
    private static final long SLOT_MASK = 0xFFFF_FFFFL;

    private ConnectionIdDescriptor()
    {
    }

    public static long connectionId(final int slot, final int generation)
    {
        return ((long)generation << GENERATION_SHIFT) | (slot & SLOT_MASK);
    }

    /** The slot of an id, or a negative number for an id no table could have made. */
    public static int slot(final long connectionId)
    {
        final long slot = connectionId & SLOT_MASK;
        return slot > Integer.MAX_VALUE ? -1 : (int)slot;
    }

    public static int generation(final long connectionId)
    {
        return (int)(connectionId >>> GENERATION_SHIFT);
    }

    public static int nextGeneration(final int generation)
    {
        return generation == GENERATION_MAX ? GENERATION_FIRST : generation + 1;
    }
}
