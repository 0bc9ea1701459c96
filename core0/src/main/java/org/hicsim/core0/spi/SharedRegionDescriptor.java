package org.hicsim.core0.spi;

/**
 * Layout of a shared region: a header frame, then two copies of the snapshot, each a whole number of frames.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      Published Version                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                       Staging Version                         |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Copy 0 Length                          |
 *  +---------------------------------------------------------------+
 *  |                        Copy 1 Length                          |
 *  +---------------------------------------------------------------+
 *  |                        Copy Capacity                          |
 *  +---------------------------------------------------------------+
 *  |                  Unused to the end of the frame              ...
 *  +---------------------------------------------------------------+
 *  |                     Copy 0 (Copy Capacity bytes)             ...
 *  +---------------------------------------------------------------+
 *  |                     Copy 1 (Copy Capacity bytes)             ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The published version's low bit names the copy readers read, so publishing a version is one 8-byte store of
 * the header. The staging version is the one Core-0 is writing into the other copy; a reader whose version is
 * more than one behind it may have seen that copy being overwritten.
 * <p>
 * Part of the SPI because it is the contract between Core-0, which writes a region, and every sandbox that reads
 * one through {@link SharedRegionReader}; a region's pages are {@link #PAGE_SIZE} bytes, Core-0's frame size.
 */
public final class SharedRegionDescriptor
{
    public static final int PUBLISHED_VERSION_OFFSET = 0;
    public static final int STAGING_VERSION_OFFSET = PUBLISHED_VERSION_OFFSET + Long.BYTES;
    public static final int COPY_LENGTHS_OFFSET = STAGING_VERSION_OFFSET + Long.BYTES;
    public static final int COPY_CAPACITY_OFFSET = COPY_LENGTHS_OFFSET + 2 * Integer.BYTES;
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    /** The header fills its page, so each copy starts on a page of its own. */
    public static final int HEADER_LENGTH = PAGE_SIZE;
    public static final int COPIES = 2;

    private SharedRegionDescriptor()
    {
    }

    /**
     * @return 0 or 1: the copy that holds {@code version}.
     */
    public static int copyIndex(final long version)
    {
        return (int)(version & 1);
    }

    public static int copyLengthOffset(final int copyIndex)
    {
        return COPY_LENGTHS_OFFSET + copyIndex * Integer.BYTES;
    }

    public static long copyOffset(final int copyIndex, final int copyCapacity)
    {
        return HEADER_LENGTH + (long)copyIndex * copyCapacity;
    }

    /**
     * The capacity a region needs to hold {@code snapshotBytes}, rounded up to whole frames.
     */
    public static int copyCapacityFor(final int snapshotBytes)
    {
        checkSnapshotBytes(snapshotBytes);
        return (snapshotBytes + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    public static int framesFor(final int snapshotBytes)
    {
        return (int)((HEADER_LENGTH + (long)COPIES * copyCapacityFor(snapshotBytes)) >>> PAGE_SHIFT);
    }

    public static void checkSnapshotBytes(final int snapshotBytes)
    {
        if (snapshotBytes <= 0 || snapshotBytes > Integer.MAX_VALUE - PAGE_SIZE)
        {
            throw new IllegalArgumentException("snapshotBytes=" + snapshotBytes + " must be positive");
        }
    }
}
