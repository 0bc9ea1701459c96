package org.hicsim.core0.memory;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.hicsim.core0.memory.PageTable.PAGE_OFFSET_MASK;
import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.hicsim.core0.memory.PagePermissions.READ;
import static org.hicsim.core0.memory.PagePermissions.WRITE;

/**
 * Loads and stores a sandbox makes, checked against its page table: the only way a service touches memory.
 * <p>
 * A denied access throws a {@link PageFault}; a permitted one allocates nothing. An access that crosses a page
 * boundary is split, as hardware does: both pages are checked before any byte moves, so a store that faults on
 * its second page has changed nothing. Multi-byte values are {@link PhysicalMemory#BYTE_ORDER little-endian}.
 */
public final class MemoryAccess
{
    private final PhysicalMemory memory;

    /**
     * @param memory the memory every page table passed in maps frames of.
     */
    public MemoryAccess(final PhysicalMemory memory)
    {
        this.memory = memory;
    }

    public byte loadByte(final PageTable table, final long virtualAddress)
    {
        final long nativeAddress = table.nativeAddress(virtualAddress, READ);
        if (nativeAddress <= PageTable.NOT_REAL)
        {
            return memory.getByteInFrame(translate(table, virtualAddress, READ));
        }
        return PhysicalMemory.getByteAt(nativeAddress);
    }

    public void storeByte(final PageTable table, final long virtualAddress, final byte value)
    {
        final long nativeAddress = table.nativeAddress(virtualAddress, WRITE);
        if (nativeAddress <= PageTable.NOT_REAL)
        {
            memory.putByteInFrame(translate(table, virtualAddress, WRITE), value);
        }
        else
        {
            PhysicalMemory.putByteAt(nativeAddress, value);
        }
    }

    public int loadInt(final PageTable table, final long virtualAddress)
    {
        final long nativeAddress = table.nativeAddress(virtualAddress, READ);
        if (nativeAddress <= PageTable.NOT_REAL || crossesPage(virtualAddress, SIZE_OF_INT))
        {
            return (int)loadSlowly(table, virtualAddress, SIZE_OF_INT);
        }
        return PhysicalMemory.getIntAt(nativeAddress);
    }

    public void storeInt(final PageTable table, final long virtualAddress, final int value)
    {
        final long nativeAddress = table.nativeAddress(virtualAddress, WRITE);
        if (nativeAddress <= PageTable.NOT_REAL || crossesPage(virtualAddress, SIZE_OF_INT))
        {
            storeSlowly(table, virtualAddress, SIZE_OF_INT, value);
        }
        else
        {
            PhysicalMemory.putIntAt(nativeAddress, value);
        }
    }

    public long loadLong(final PageTable table, final long virtualAddress)
    {
        final long nativeAddress = table.nativeAddress(virtualAddress, READ);
        if (nativeAddress <= PageTable.NOT_REAL || crossesPage(virtualAddress, SIZE_OF_LONG))
        {
            return loadSlowly(table, virtualAddress, SIZE_OF_LONG);
        }
        return PhysicalMemory.getLongAt(nativeAddress);
    }

    public void storeLong(final PageTable table, final long virtualAddress, final long value)
    {
        final long nativeAddress = table.nativeAddress(virtualAddress, WRITE);
        if (nativeAddress <= PageTable.NOT_REAL || crossesPage(virtualAddress, SIZE_OF_LONG))
        {
            storeSlowly(table, virtualAddress, SIZE_OF_LONG, value);
        }
        else
        {
            PhysicalMemory.putLongAt(nativeAddress, value);
        }
    }

    public void loadBytes(
        final PageTable table, final long virtualAddress, final byte[] dst, final int dstOffset, final int length)
    {
        // Most copies (a request's payload, a frame into a ring) lie in one page whose memory is real: one
        // translation through the walk cache, as a load of one value takes, instead of two walks.
        if (length > 0 && !crossesPage(virtualAddress, length))
        {
            final long nativeAddress = table.nativeAddress(virtualAddress, READ);
            if (nativeAddress > PageTable.NOT_REAL)
            {
                PhysicalMemory.getBytesAt(nativeAddress, dst, dstOffset, length);
                return;
            }
        }
        checkPages(table, virtualAddress, length, READ);
        int done = 0;
        while (done < length)
        {
            final long address = virtualAddress + done;
            final int segment = Math.min(length - done, PAGE_SIZE - (int)(address & PAGE_OFFSET_MASK));
            // Each page was checked above; its native word, filled by that check, gives the address at once.
            final long nativeAddress = table.nativeAddress(address, READ);
            if (nativeAddress > PageTable.NOT_REAL)
            {
                PhysicalMemory.getBytesAt(nativeAddress, dst, dstOffset + done, segment);
            }
            else
            {
                memory.getBytes(table.translate(address, READ), dst, dstOffset + done, segment);
            }
            done += segment;
        }
    }

    public void storeBytes(
        final PageTable table, final long virtualAddress, final byte[] src, final int srcOffset, final int length)
    {
        if (length > 0 && !crossesPage(virtualAddress, length))
        {
            final long nativeAddress = table.nativeAddress(virtualAddress, WRITE);
            if (nativeAddress > PageTable.NOT_REAL)
            {
                PhysicalMemory.putBytesAt(nativeAddress, src, srcOffset, length);
                return;
            }
        }
        checkPages(table, virtualAddress, length, WRITE);
        int done = 0;
        while (done < length)
        {
            final long address = virtualAddress + done;
            final int segment = Math.min(length - done, PAGE_SIZE - (int)(address & PAGE_OFFSET_MASK));
            final long nativeAddress = table.nativeAddress(address, WRITE);
            if (nativeAddress > PageTable.NOT_REAL)
            {
                PhysicalMemory.putBytesAt(nativeAddress, src, srcOffset + done, segment);
            }
            else
            {
                memory.putBytes(table.translate(address, WRITE), src, srcOffset + done, segment);
            }
            done += segment;
        }
    }

    private static long translate(final PageTable table, final long virtualAddress, final int access)
    {
        final long address = table.translate(virtualAddress, access);
        if (address < 0)
        {
            throw new PageFault(table.sandboxId(), virtualAddress, access, address);
        }
        return address;
    }

    /**
     * Faults at the lowest page of the range that the access may not touch; a range that wraps around the
     * address space faults as unmapped at its start. Each page is checked through the walk cache and its native
     * word, as a single access is, rather than by a walk from the root: a store's frame is marked written just as
     * {@link PageTable#translate} marks it, and the native word is left filled for the copy that follows.
     */
    private static void checkPages(final PageTable table, final long virtualAddress, final int length, final int access)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("length=" + length + " must not be negative");
        }
        if (virtualAddress < 0 || virtualAddress > Long.MAX_VALUE - length)
        {
            throw new PageFault(table.sandboxId(), virtualAddress, access, PageTable.NOT_MAPPED);
        }
        final long lastPage = (virtualAddress + length - 1) & ~PAGE_OFFSET_MASK;
        for (long page = virtualAddress & ~PAGE_OFFSET_MASK; page <= lastPage; page += PAGE_SIZE)
        {
            final long address = Math.max(page, virtualAddress);
            final long nativeAddress = table.nativeAddress(address, access);
            if (nativeAddress < PageTable.NOT_REAL)
            {
                throw new PageFault(table.sandboxId(), address, access, nativeAddress);
            }
        }
    }

    private static boolean crossesPage(final long virtualAddress, final int width)
    {
        return (virtualAddress & PAGE_OFFSET_MASK) > PAGE_SIZE - width;
    }

    /**
     * A value that crosses a page, or lies in memory that is not real yet, or faults: by physical address.
     */
    private long loadSlowly(final PageTable table, final long virtualAddress, final int width)
    {
        if (!crossesPage(virtualAddress, width))
        {
            final long address = translate(table, virtualAddress, READ);
            return width == SIZE_OF_LONG ? memory.getLongInFrame(address) : memory.getIntInFrame(address);
        }
        checkPages(table, virtualAddress, width, READ);
        long value = 0;
        for (int i = 0; i < width; i++)
        {
            value |= (memory.getByteInFrame(table.translate(virtualAddress + i, READ)) & 0xFFL) << (i << 3);
        }
        return value;
    }

    private void storeSlowly(final PageTable table, final long virtualAddress, final int width, final long value)
    {
        if (!crossesPage(virtualAddress, width))
        {
            final long address = translate(table, virtualAddress, WRITE);
            if (width == SIZE_OF_LONG)
            {
                memory.putLongInFrame(address, value);
            }
            else
            {
                memory.putIntInFrame(address, (int)value);
            }
            return;
        }
        checkPages(table, virtualAddress, width, WRITE);
        for (int i = 0; i < width; i++)
        {
            memory.putByteInFrame(table.translate(virtualAddress + i, WRITE), (byte)(value >>> (i << 3)));
        }
    }
}
