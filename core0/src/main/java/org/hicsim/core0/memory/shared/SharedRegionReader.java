package org.hicsim.core0.memory.shared;

import org.hicsim.core0.memory.MemoryAccess;
import org.hicsim.core0.memory.PageFault;
import org.hicsim.core0.memory.PageTable;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.hicsim.core0.memory.shared.SharedRegionDescriptor.COPY_CAPACITY_OFFSET;
import static org.hicsim.core0.memory.shared.SharedRegionDescriptor.PUBLISHED_VERSION_OFFSET;
import static org.hicsim.core0.memory.shared.SharedRegionDescriptor.STAGING_VERSION_OFFSET;
import static org.hicsim.core0.memory.shared.SharedRegionDescriptor.copyIndex;
import static org.hicsim.core0.memory.shared.SharedRegionDescriptor.copyLengthOffset;
import static org.hicsim.core0.memory.shared.SharedRegionDescriptor.copyOffset;

/**
 * A sandbox's side of a shared region: every read goes through the sandbox's own page table, so a region that
 * is not mapped faults like any other address.
 * <p>
 * {@link #beginRead()} fixes the version to read; reads then come from that version's copy. A read that spans
 * several events ends with {@link #validate()}: false means Core-0 has since begun overwriting that copy, and
 * the reader starts again. Reads within one event always see a whole version.
 */
public final class SharedRegionReader
{
    private static final long NO_VERSION = -1;

    private final MemoryAccess access;
    private final PageTable table;
    private final long baseAddress;
    private long version = NO_VERSION;
    private long copyAddress;
    private int length;

    /**
     * @param baseAddress virtual address at which the region is mapped into {@code table}.
     */
    public SharedRegionReader(final MemoryAccess access, final PageTable table, final long baseAddress)
    {
        this.access = access;
        this.table = table;
        this.baseAddress = baseAddress;
    }

    /**
     * @return the published version, which subsequent reads come from.
     * @throws PageFault if the region is not mapped where this reader was told.
     */
    public long beginRead()
    {
        final long published = access.loadLong(table, baseAddress + PUBLISHED_VERSION_OFFSET);
        final int copy = copyIndex(published);
        final int capacity = access.loadInt(table, baseAddress + COPY_CAPACITY_OFFSET);
        length = access.loadInt(table, baseAddress + copyLengthOffset(copy));
        copyAddress = baseAddress + copyOffset(copy, capacity);
        version = published;
        return published;
    }

    /**
     * Length in bytes of the version being read.
     */
    public int length()
    {
        checkReading();
        return length;
    }

    public long readLong(final int offset)
    {
        return access.loadLong(table, snapshotAddress(offset, SIZE_OF_LONG));
    }

    public int readInt(final int offset)
    {
        return access.loadInt(table, snapshotAddress(offset, SIZE_OF_INT));
    }

    public void readBytes(final int offset, final byte[] dst, final int dstOffset, final int count)
    {
        access.loadBytes(table, snapshotAddress(offset, count), dst, dstOffset, count);
    }

    /**
     * @return true when everything read since {@link #beginRead()} belongs to that one version.
     */
    public boolean validate()
    {
        checkReading();
        return access.loadLong(table, baseAddress + STAGING_VERSION_OFFSET) <= version + 1;
    }

    private long snapshotAddress(final int offset, final int count)
    {
        checkReading();
        if (offset < 0 || count < 0 || offset > length - count)
        {
            throw new IndexOutOfBoundsException("offset=" + offset + " count=" + count + " length=" + length);
        }
        return copyAddress + offset;
    }

    private void checkReading()
    {
        if (version == NO_VERSION)
        {
            throw new IllegalStateException("beginRead first");
        }
    }
}
