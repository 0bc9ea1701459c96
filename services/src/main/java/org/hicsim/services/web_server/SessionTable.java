package org.hicsim.services.web_server;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;

/**
 * The sessions table in sandbox memory ({@link WebServerStateDescriptor}): linear probing keyed by connection
 * id, with backward-shift deletion (Knuth's Algorithm R) so that a lookup stops at the first free slot and no
 * tombstones build up. It finds and places sessions; what a session holds is the caller's business.
 */
public final class SessionTable
{
    public static final int NOT_FOUND = -1;

    private static final int MASK = WebServerStateDescriptor.SESSION_SLOTS - 1;
    private static final int SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(WebServerStateDescriptor.SESSION_SLOTS);

    private final ServiceContext context;
    private final long tableAddress;
    private final byte[] moving = new byte[SessionDescriptor.LENGTH];
    private final byte[] zeros = new byte[SessionDescriptor.LENGTH];

    public SessionTable(final ServiceContext context)
    {
        this.context = context;
        this.tableAddress = context.memoryBase() + WebServerStateDescriptor.SESSION_TABLE_OFFSET;
    }

    public long address(final int slot)
    {
        return tableAddress + (long)slot * SessionDescriptor.LENGTH;
    }

    public long connectionId(final int slot)
    {
        return context.loadLong(address(slot) + SessionDescriptor.CONNECTION_ID_OFFSET);
    }

    /**
     * @return the slot of {@code connectionId}'s session, or {@link #NOT_FOUND}.
     */
    public int find(final long connectionId)
    {
        int slot = home(connectionId);
        for (int probes = 0; probes < WebServerStateDescriptor.SESSION_SLOTS; probes++)
        {
            final long id = connectionId(slot);
            if (id == connectionId)
            {
                return slot;
            }
            if (id == Message.NO_CONNECTION)
            {
                return NOT_FOUND;
            }
            slot = (slot + 1) & MASK;
        }
        return NOT_FOUND;
    }

    /**
     * Takes the first free slot of {@code connectionId}'s probe run and writes the id there, the rest of the slot
     * zero. The caller has checked that the id is absent and the table below capacity, so a free slot exists.
     *
     * @return the slot.
     */
    public int claim(final long connectionId)
    {
        int slot = home(connectionId);
        while (connectionId(slot) != Message.NO_CONNECTION)
        {
            slot = (slot + 1) & MASK;
        }
        context.storeBytes(address(slot), zeros, 0, SessionDescriptor.LENGTH);
        context.storeLong(address(slot) + SessionDescriptor.CONNECTION_ID_OFFSET, connectionId);
        return slot;
    }

    /**
     * Frees {@code slot}, moving back any later session of the run whose home lies at or before it, so that
     * every remaining session is still reachable from its home without crossing a free slot.
     */
    public void remove(final int slot)
    {
        int hole = slot;
        int next = (hole + 1) & MASK;
        while (connectionId(next) != Message.NO_CONNECTION)
        {
            final int home = home(connectionId(next));
            final boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays)
            {
                context.loadBytes(address(next), moving, 0, SessionDescriptor.LENGTH);
                context.storeBytes(address(hole), moving, 0, SessionDescriptor.LENGTH);
                hole = next;
            }
            next = (next + 1) & MASK;
        }
        context.storeBytes(address(hole), zeros, 0, SessionDescriptor.LENGTH);
    }

    /** Frees every slot. */
    public void clear()
    {
        for (int slot = 0; slot < WebServerStateDescriptor.SESSION_SLOTS; slot++)
        {
            context.storeBytes(address(slot), zeros, 0, SessionDescriptor.LENGTH);
        }
    }

    /** Fibonacci hashing: connection ids differ mostly in their low bits, which this spreads over the table. */
    private static int home(final long connectionId)
    {
        return (int)((connectionId * 0x9E37_79B9_7F4A_7C15L) >>> SHIFT);
    }
}
