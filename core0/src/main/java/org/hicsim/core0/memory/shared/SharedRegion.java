package org.hicsim.core0.memory.shared;

import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PageKind;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.spi.SharedRegionDescriptor;
import org.hicsim.core0.spi.SharedRegionReader;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.hicsim.core0.spi.SharedRegionDescriptor.COPY_CAPACITY_OFFSET;
import static org.hicsim.core0.spi.SharedRegionDescriptor.PUBLISHED_VERSION_OFFSET;
import static org.hicsim.core0.spi.SharedRegionDescriptor.STAGING_VERSION_OFFSET;
import static org.hicsim.core0.spi.SharedRegionDescriptor.copyIndex;
import static org.hicsim.core0.spi.SharedRegionDescriptor.copyLengthOffset;
import static org.hicsim.core0.spi.SharedRegionDescriptor.copyOffset;

/**
 * Core-0's side of a shared region (the hybrid isolation model): a snapshot that only Core-0 writes and that
 * any number of sandboxes read directly through read-only mappings, without IPC.
 * <p>
 * Updates are versioned: {@link #beginUpdate()} starts the next version in the copy readers are not reading,
 * as a replica of the published one; {@code stage*} calls change it, over as many events as needed; and
 * {@link #publish()} switches readers to it with one store of the header. A reader therefore sees either the
 * whole old version or the whole new one ({@link SharedRegionDescriptor} has the layout,
 * {@link SharedRegionReader} the reader's side).
 * <p>
 * The frames must be {@link FrameType#SHARED} frames of Core-0, allocated by the caller ({@link SharedRegions},
 * which keeps them for the rest of the run: a region outlives its writer and its readers).
 */
public final class SharedRegion
{
    private final PhysicalMemory memory;
    private final int firstFrame;
    private final int frameCount;
    private final int copyCapacity;
    private final long headerAddress;
    private long publishedVersion;
    private boolean updating;
    private int stagingLength;

    /**
     * Lays out an empty version 0 over frames allocated for {@code snapshotBytes}.
     *
     * @param firstFrame the first of {@link SharedRegionDescriptor#framesFor(int)} frames.
     */
    public SharedRegion(final PhysicalMemory memory, final int firstFrame, final int snapshotBytes)
    {
        this.memory = memory;
        this.firstFrame = firstFrame;
        this.frameCount = SharedRegionDescriptor.framesFor(snapshotBytes);
        this.copyCapacity = SharedRegionDescriptor.copyCapacityFor(snapshotBytes);
        this.headerAddress = PhysicalMemory.frameAddress(firstFrame);
        for (int frame = firstFrame, end = firstFrame + frameCount; frame < end; frame++)
        {
            if (memory.ownerOf(frame) != PhysicalMemory.CORE0_OWNER || memory.frameType(frame) != FrameType.SHARED)
            {
                throw new IllegalArgumentException("frame=" + frame + " owner=" + memory.ownerOf(frame) +
                    " type=" + memory.frameType(frame) + " is not a SHARED frame of Core-0");
            }
        }
        memory.setMemory(headerAddress, SharedRegionDescriptor.HEADER_LENGTH, (byte)0);
        memory.putInt(headerAddress + COPY_CAPACITY_OFFSET, copyCapacity);
    }

    public int firstFrame()
    {
        return firstFrame;
    }

    public int frameCount()
    {
        return frameCount;
    }

    /**
     * Largest snapshot the region holds, in bytes.
     */
    public int capacity()
    {
        return copyCapacity;
    }

    public long publishedVersion()
    {
        return publishedVersion;
    }

    public int publishedLength()
    {
        return copyLength(copyIndex(publishedVersion));
    }

    public boolean isUpdating()
    {
        return updating;
    }

    /**
     * Starts version {@code publishedVersion() + 1} as a copy of the published one. The header names it as
     * staging before its copy is touched, so a reader still on an older version that used this copy can tell.
     */
    public void beginUpdate()
    {
        beginUpdateOverwriting(0);
    }

    /**
     * Publishes {@code length} bytes of {@code src} as the next version, from its offset 0: what
     * {@link #beginUpdate}, {@link #stageBytes} at offset 0 and {@link #publish} do, leaving the same bytes, but
     * without first replicating the published bytes that {@code src} overwrites at once. A published version
     * longer than {@code length} keeps its tail, as a staged update keeps what it does not stage.
     *
     * @return the version now published.
     */
    public long publishWhole(final byte[] src, final int srcOffset, final int length)
    {
        checkRange(0, length);
        beginUpdateOverwriting(length);
        stageBytes(0, src, srcOffset, length);
        return publish();
    }

    /**
     * Begins the next version as a replica of the published one, except its first {@code overwrittenLength}
     * bytes, which the caller stages before anything else happens.
     */
    private void beginUpdateOverwriting(final int overwrittenLength)
    {
        if (updating)
        {
            throw new IllegalStateException("update already begun: stagingVersion=" + (publishedVersion + 1));
        }
        final long stagingVersion = publishedVersion + 1;
        final int from = copyIndex(publishedVersion);
        final int to = copyIndex(stagingVersion);
        final int publishedLength = copyLength(from);
        final int staleLength = copyLength(to);
        memory.putLong(headerAddress + STAGING_VERSION_OFFSET, stagingVersion);
        if (publishedLength > overwrittenLength)
        {
            memory.copyMemory(copyAddress(from) + overwrittenLength, copyAddress(to) + overwrittenLength,
                publishedLength - overwrittenLength);
        }
        final int clearedFrom = Math.max(publishedLength, overwrittenLength);
        if (staleLength > clearedFrom)
        {
            memory.setMemory(copyAddress(to) + clearedFrom, staleLength - clearedFrom, (byte)0);
        }
        stagingLength = publishedLength;
        updating = true;
    }

    public void stageLong(final int offset, final long value)
    {
        memory.putLong(stagingAddress(offset, SIZE_OF_LONG), value);
    }

    public void stageInt(final int offset, final int value)
    {
        memory.putInt(stagingAddress(offset, SIZE_OF_INT), value);
    }

    public void stageBytes(final int offset, final byte[] src, final int srcOffset, final int length)
    {
        memory.putBytes(stagingAddress(offset, length), src, srcOffset, length);
    }

    /**
     * Makes the staged version the one readers see: its length, then the one store that flips the version.
     *
     * @return the version now published.
     */
    public long publish()
    {
        checkUpdating();
        final long stagingVersion = publishedVersion + 1;
        memory.putInt(headerAddress + copyLengthOffset(copyIndex(stagingVersion)), stagingLength);
        memory.putLong(headerAddress + PUBLISHED_VERSION_OFFSET, stagingVersion);
        publishedVersion = stagingVersion;
        updating = false;
        return stagingVersion;
    }

    /**
     * Drops the staged version. The header keeps naming it as staged, since its copy was written: readers still
     * on the version before the published one stay told that their copy changed. The copy's length records how
     * far this update wrote, so the next update clears it.
     */
    public void abortUpdate()
    {
        checkUpdating();
        memory.putInt(headerAddress + copyLengthOffset(copyIndex(publishedVersion + 1)), stagingLength);
        updating = false;
    }

    /**
     * Maps the whole region read-only, header first, at {@code firstVirtualPage} of {@code table}.
     *
     * @return false, mapping nothing, when any of the pages is already mapped.
     */
    public boolean mapInto(final PageTable table, final long firstVirtualPage)
    {
        for (int i = 0; i < frameCount; i++)
        {
            if (table.entry(firstVirtualPage + i) != PageTableEntryDescriptor.NO_ENTRY)
            {
                return false;
            }
        }
        for (int i = 0; i < frameCount; i++)
        {
            table.map(firstVirtualPage + i, firstFrame + i, PagePermissions.READ, PageKind.SHARED);
        }
        return true;
    }

    /**
     * @return false, unmapping nothing, when the pages do not map exactly this region.
     */
    public boolean unmapFrom(final PageTable table, final long firstVirtualPage)
    {
        for (int i = 0; i < frameCount; i++)
        {
            final long entry = table.entry(firstVirtualPage + i);
            if (entry == PageTableEntryDescriptor.NO_ENTRY ||
                PageTableEntryDescriptor.frameNumber(entry) != firstFrame + i)
            {
                return false;
            }
        }
        for (int i = 0; i < frameCount; i++)
        {
            table.unmap(firstVirtualPage + i);
        }
        return true;
    }

    private int copyLength(final int copyIndex)
    {
        return memory.getInt(headerAddress + copyLengthOffset(copyIndex));
    }

    private long copyAddress(final int copyIndex)
    {
        return headerAddress + copyOffset(copyIndex, copyCapacity);
    }

    private long stagingAddress(final int offset, final int length)
    {
        checkUpdating();
        checkRange(offset, length);
        stagingLength = Math.max(stagingLength, offset + length);
        return copyAddress(copyIndex(publishedVersion + 1)) + offset;
    }

    private void checkRange(final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > copyCapacity - length)
        {
            throw new IndexOutOfBoundsException(
                "offset=" + offset + " length=" + length + " capacity=" + copyCapacity);
        }
    }

    private void checkUpdating()
    {
        if (!updating)
        {
            throw new IllegalStateException("no update begun: publishedVersion=" + publishedVersion);
        }
    }
}
