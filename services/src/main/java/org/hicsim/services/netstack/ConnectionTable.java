package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;

/**
 * The connection table in sandbox memory: {@link MemoryMapDescriptor#CONNECTION_CAPACITY} slots
 * ({@link ConnectionSlotDescriptor}), the per-state counts in the header, and a bitmap of free slots so that
 * taking one costs at most a word per 64 slots.
 */
final class ConnectionTable
{
    private static final int CAPACITY = MemoryMapDescriptor.CONNECTION_CAPACITY;
    private static final int MAP_WORDS = CAPACITY / Long.SIZE;
    /** No slot: what {@link #allocate} answers when every slot is taken. */
    static final int NO_SLOT = -1;

    private final ServiceContext context;
    private final Header header;
    private final long slotsAddress;
    private final long freeMapAddress;
    private final long poolAddress;

    ConnectionTable(final ServiceContext context, final Header header)
    {
        this.context = context;
        this.header = header;
        final long base = context.memoryBase();
        this.slotsAddress = base + MemoryMapDescriptor.SLOTS_OFFSET;
        this.freeMapAddress = base + MemoryMapDescriptor.FREE_MAP_OFFSET;
        this.poolAddress = base + MemoryMapDescriptor.BUFFERS_OFFSET;
    }

    /** Every slot free, on zeroed memory. */
    void format()
    {
        for (int word = 0; word < MAP_WORDS; word++)
        {
            context.storeLong(freeMapAddress + (long)word * Long.BYTES, -1L);
        }
    }

    static boolean isSlot(final int slot)
    {
        return slot >= 0 && slot < CAPACITY;
    }

    long slotAddress(final int slot)
    {
        return slotsAddress + (long)slot * MemoryMapDescriptor.SLOT_LENGTH;
    }

    long recordAddress(final int slot)
    {
        return slotAddress(slot) + ConnectionSlotDescriptor.RECORD_OFFSET;
    }

    long poolBufferAddress(final int slot)
    {
        return poolAddress + (long)slot * BufferDescriptor.LENGTH;
    }

    int state(final int slot)
    {
        return context.loadInt(slotAddress(slot) + ConnectionSlotDescriptor.STATE_OFFSET);
    }

    long connectionId(final int slot)
    {
        return context.loadLong(recordAddress(slot) + ConnectionRecordV1Descriptor.CONNECTION_ID_OFFSET);
    }

    /** Moves a slot to {@code newState}, keeping the header's counts and the free-slot bitmap in step. */
    void moveTo(final int slot, final int newState)
    {
        final int oldState = state(slot);
        context.storeInt(slotAddress(slot) + ConnectionSlotDescriptor.STATE_OFFSET, newState);
        header.addCount(oldState, -1);
        header.addCount(newState, 1);
        if ((oldState == SlotState.FREE) != (newState == SlotState.FREE))
        {
            final long wordAddress = freeMapAddress + (long)(slot / Long.SIZE) * Long.BYTES;
            context.storeLong(wordAddress, context.loadLong(wordAddress) ^ (1L << (slot % Long.SIZE)));
        }
    }

    /** Frees a slot: {@link SlotState#RETIRED} if it has no buffer and its pool pages are gone. */
    void release(final int slot)
    {
        moveTo(slot, bufferAddress(slot) == 0 && isPoolGone(slot) ? SlotState.RETIRED : SlotState.FREE);
    }

    /**
     * @return the lowest free slot, left free until {@link #moveTo}, or {@link #NO_SLOT}.
     */
    int allocate()
    {
        for (int word = 0; word < MAP_WORDS; word++)
        {
            final long bits = context.loadLong(freeMapAddress + (long)word * Long.BYTES);
            if (bits != 0)
            {
                return word * Long.SIZE + Long.numberOfTrailingZeros(bits);
            }
        }
        return NO_SLOT;
    }

    /** Where the slot's buffer is mapped, or 0 when it has none. */
    long bufferAddress(final int slot)
    {
        return context.loadLong(slotAddress(slot) + ConnectionSlotDescriptor.BUFFER_ADDRESS_OFFSET);
    }

    void attachBuffer(final int slot, final long address)
    {
        context.storeLong(slotAddress(slot) + ConnectionSlotDescriptor.BUFFER_ADDRESS_OFFSET, address);
        header.addBuffersHeld(1);
    }

    /** The buffer left this sandbox: if it was the slot's pool pages, they are gone for good. */
    void detachBuffer(final int slot)
    {
        if (bufferAddress(slot) == poolBufferAddress(slot))
        {
            final long flagsAddress = slotAddress(slot) + ConnectionSlotDescriptor.FLAGS_OFFSET;
            context.storeInt(flagsAddress, context.loadInt(flagsAddress) | ConnectionSlotDescriptor.FLAG_POOL_GONE);
        }
        context.storeLong(slotAddress(slot) + ConnectionSlotDescriptor.BUFFER_ADDRESS_OFFSET, 0);
        header.addBuffersHeld(-1);
    }

    boolean isPoolGone(final int slot)
    {
        return (context.loadInt(slotAddress(slot) + ConnectionSlotDescriptor.FLAGS_OFFSET)
            & ConnectionSlotDescriptor.FLAG_POOL_GONE) != 0;
    }
}
