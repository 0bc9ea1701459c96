package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;

/**
 * The connection table in sandbox memory: the {@link MemoryMap}'s slots ({@link ConnectionSlotDescriptor}), the
 * per-state counts in the header, and a bitmap of free slots with a hint to its lowest word that may have a bit
 * set, so that taking a slot costs a word or two whatever the table's size.
 */
final class ConnectionTable
{
    /** No slot: what {@link #allocate} answers when every slot is taken. */
    static final int NO_SLOT = -1;

    private final ServiceContext context;
    private final Header header;
    private final int capacity;
    private final int mapWords;
    private final long slotsAddress;
    private final long freeMapAddress;
    private final long poolAddress;
    private final int bufferBytes;

    ConnectionTable(final ServiceContext context, final Header header, final MemoryMap map)
    {
        this.context = context;
        this.header = header;
        this.capacity = map.connections();
        this.mapWords = map.freeMapWords();
        final long base = context.memoryBase();
        this.slotsAddress = base + map.slotsOffset();
        this.freeMapAddress = base + map.freeMapOffset();
        this.poolAddress = base + map.poolBufferOffset(0);
        this.bufferBytes = map.bufferBytes();
    }

    /** Every slot free, on zeroed memory: the bitmap's bits past the last slot stay clear. */
    void format()
    {
        for (int word = 0; word < mapWords; word++)
        {
            final int slotsInWord = Math.min(Long.SIZE, capacity - word * Long.SIZE);
            context.storeLong(freeMapAddress + (long)word * Long.BYTES,
                slotsInWord == Long.SIZE ? -1L : (1L << slotsInWord) - 1);
        }
    }

    int capacity()
    {
        return capacity;
    }

    boolean isSlot(final int slot)
    {
        return slot >= 0 && slot < capacity;
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
        return poolAddress + (long)slot * bufferBytes;
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
            final int word = slot / Long.SIZE;
            final long wordAddress = freeMapAddress + (long)word * Long.BYTES;
            context.storeLong(wordAddress, context.loadLong(wordAddress) ^ (1L << (slot % Long.SIZE)));
            if (newState == SlotState.FREE && word < header.freeHint())
            {
                header.freeHint(word);
            }
        }
    }

    /** Frees a slot: {@link SlotState#RETIRED} if it has no buffer and its pool pages are gone. */
    void release(final int slot)
    {
        moveTo(slot, bufferAddress(slot) == 0 && isPoolGone(slot) ? SlotState.RETIRED : SlotState.FREE);
    }

    /**
     * @return the lowest free slot, left free until {@link #moveTo}, or {@link #NO_SLOT}. Words below the hint
     * have no free slot, so the scan starts there, and moves the hint up past the words it found full.
     */
    int allocate()
    {
        for (int word = header.freeHint(); word < mapWords; word++)
        {
            final long bits = context.loadLong(freeMapAddress + (long)word * Long.BYTES);
            if (bits != 0)
            {
                header.freeHint(word);
                return word * Long.SIZE + Long.numberOfTrailingZeros(bits);
            }
        }
        header.freeHint(mapWords);
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
        setAsideBuffer(slot);
    }

    /**
     * The slot stops using its buffer, whose pages stay where they are: pool pages set aside this way are taken up
     * again when the slot next needs a buffer of its own.
     */
    void setAsideBuffer(final int slot)
    {
        context.storeLong(slotAddress(slot) + ConnectionSlotDescriptor.BUFFER_ADDRESS_OFFSET, 0);
        header.addBuffersHeld(-1);
    }

    boolean isPoolGone(final int slot)
    {
        return (context.loadInt(slotAddress(slot) + ConnectionSlotDescriptor.FLAGS_OFFSET)
            & ConnectionSlotDescriptor.FLAG_POOL_GONE) != 0;
    }
}
