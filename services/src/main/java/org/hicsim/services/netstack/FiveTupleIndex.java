package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.services.common.SplitMix64;

/**
 * Finds a connection by its 5-tuple: an open-addressing hash table in sandbox memory with linear probing, each
 * entry the slot plus one (0 is empty). Keys are not copied into the index: a probe compares the tuple in the
 * slot's record. Removal shifts later entries back (Knuth's algorithm R), so there are no tombstones and probes
 * stay as short as the load allows.
 */
final class FiveTupleIndex
{
    /** No connection has the tuple. */
    static final int NOT_FOUND = -1;

    private static final int EMPTY = 0;

    private final ServiceContext context;
    private final ConnectionTable table;
    private final long address;
    private final int mask;

    FiveTupleIndex(final ServiceContext context, final ConnectionTable table, final MemoryMap map)
    {
        this.context = context;
        this.table = table;
        this.address = context.memoryBase() + map.indexOffset();
        this.mask = map.indexCapacity() - 1;
    }

    /**
     * @return the slot of the connection with this tuple, or {@link #NOT_FOUND}.
     */
    int find(final long addresses, final long tuplePorts)
    {
        for (int position = home(addresses, tuplePorts); ; position = (position + 1) & mask)
        {
            final int entry = entry(position);
            if (entry == EMPTY)
            {
                return NOT_FOUND;
            }
            if (hasTuple(entry - 1, addresses, tuplePorts))
            {
                return entry - 1;
            }
        }
    }

    /**
     * Indexes the slot under the tuple in its record.
     *
     * @return false, changing nothing, when another slot has that tuple.
     */
    boolean insert(final int slot)
    {
        final long record = table.recordAddress(slot);
        final long addresses = context.loadLong(record + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET);
        final long tuplePorts = context.loadLong(record + ConnectionRecordV1Descriptor.PORTS_OFFSET);
        int position = home(addresses, tuplePorts);
        for (int entry = entry(position); entry != EMPTY; entry = entry(position))
        {
            if (hasTuple(entry - 1, addresses, tuplePorts))
            {
                return false;
            }
            position = (position + 1) & mask;
        }
        entry(position, slot + 1);
        return true;
    }

    /** Removes the slot if it is indexed. */
    void remove(final int slot)
    {
        final long record = table.recordAddress(slot);
        int hole = home(
            context.loadLong(record + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET),
            context.loadLong(record + ConnectionRecordV1Descriptor.PORTS_OFFSET));
        for (int entry = entry(hole); entry != slot + 1; entry = entry(hole))
        {
            if (entry == EMPTY)
            {
                return;
            }
            hole = (hole + 1) & mask;
        }
        for (int position = (hole + 1) & mask; ; position = (position + 1) & mask)
        {
            final int entry = entry(position);
            if (entry == EMPTY)
            {
                break;
            }
            final int home = homeOf(entry - 1);
            final boolean homeOutsideGap = hole <= position
                ? home <= hole || home > position
                : home <= hole && home > position;
            if (homeOutsideGap)
            {
                entry(hole, entry);
                hole = position;
            }
        }
        entry(hole, EMPTY);
    }

    private boolean hasTuple(final int slot, final long addresses, final long tuplePorts)
    {
        final long record = table.recordAddress(slot);
        return context.loadLong(record + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET) == addresses
            && context.loadLong(record + ConnectionRecordV1Descriptor.PORTS_OFFSET) == tuplePorts;
    }

    private int homeOf(final int slot)
    {
        final long record = table.recordAddress(slot);
        return home(
            context.loadLong(record + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET),
            context.loadLong(record + ConnectionRecordV1Descriptor.PORTS_OFFSET));
    }

    private int home(final long addresses, final long tuplePorts)
    {
        return (int)SplitMix64.mix(addresses ^ Long.rotateLeft(tuplePorts, 29)) & mask;
    }

    private int entry(final int position)
    {
        return context.loadInt(address + (long)position * MemoryMapDescriptor.INDEX_ENTRY_LENGTH);
    }

    private void entry(final int position, final int value)
    {
        context.storeInt(address + (long)position * MemoryMapDescriptor.INDEX_ENTRY_LENGTH, value);
    }
}
