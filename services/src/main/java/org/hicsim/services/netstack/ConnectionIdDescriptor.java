package org.hicsim.services.netstack;

/**
 * Layout of a connection id: a serial that the instance never reuses, and the slot the connection occupies.
 * <pre>
 *   6       5                   4                   3
 *   3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2
 *  +-+-------------------------------------------------------------+
 *  |0|                            Serial                           |
 *  +-+-------------+-----------------------------------------------+
 *  |    Serial     |                      Slot                     |
 *  +---------------+-----------------------------------------------+
 *   3   2                   1                   0
 *   1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
 * </pre>
 * The slot makes finding a connection one step, and a migrated connection keeps its id and its slot, so an
 * instance takes over only connections whose slots it has (an import refuses the others). 24 bits of slot allow
 * 16,777,216 connections per instance, 39 bits of serial more connections than a run opens; serials start at 1,
 * so no id is {@link org.hicsim.core0.spi.Message#NO_CONNECTION}.
 */
public final class ConnectionIdDescriptor
{
    public static final int SLOT_OFFSET = 0;
    public static final int SLOT_LENGTH = 24;
    public static final int SERIAL_OFFSET = SLOT_OFFSET + SLOT_LENGTH;
    public static final long FIRST_SERIAL = 1;

    private static final int SLOT_MASK = (1 << SLOT_LENGTH) - 1;

    private ConnectionIdDescriptor()
    {
    }

    public static long connectionId(final long serial, final int slot)
    {
        return (serial << SERIAL_OFFSET) | slot;
    }

    public static int slot(final long connectionId)
    {
        return (int)connectionId & SLOT_MASK;
    }

    public static long serial(final long connectionId)
    {
        return connectionId >>> SERIAL_OFFSET;
    }
}
