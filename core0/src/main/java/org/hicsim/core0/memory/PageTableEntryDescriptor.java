package org.hicsim.core0.memory;

/**
 * Layout of a page-table entry, one {@code long} per mapped virtual page.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+---+-----------------------------------------------------+
 *  |R|W|X|Knd|                      Reserved                       |
 *  +-+-+-+---+-----------------------------------------------------+
 *  |                         Frame Number                          |
 *  +---------------------------------------------------------------+
 * </pre>
 * Bits 0-2 are the {@link PagePermissions} bits, so an access kind tests against the entry directly; bits 3-4
 * are the {@link PageKind}; the upper word is the physical frame. A mapping always has a permission, so an
 * entry is never {@link #NO_ENTRY}.
 */
public final class PageTableEntryDescriptor
{
    /** What a page table holds for an unmapped page. */
    public static final long NO_ENTRY = 0;
    public static final long PERMISSIONS_MASK = PagePermissions.ALL;
    public static final int KIND_SHIFT = 3;
    public static final long KIND_MASK = 0b11;
    public static final int FRAME_NUMBER_SHIFT = 32;

    private PageTableEntryDescriptor()
    {
    }

    public static long entry(final int frame, final int permissions, final PageKind kind)
    {
        return ((long)frame << FRAME_NUMBER_SHIFT) | ((long)kind.ordinal() << KIND_SHIFT) | permissions;
    }

    public static int frameNumber(final long entry)
    {
        return (int)(entry >>> FRAME_NUMBER_SHIFT);
    }

    public static int permissions(final long entry)
    {
        return (int)(entry & PERMISSIONS_MASK);
    }

    public static PageKind kind(final long entry)
    {
        return PageKind.fromOrdinal((int)((entry >>> KIND_SHIFT) & KIND_MASK));
    }

    /**
     * Physical address of the entry's frame: the frame number moved into place, low bits clear.
     */
    public static long frameAddress(final long entry)
    {
        return (entry >>> FRAME_NUMBER_SHIFT) << PhysicalMemory.FRAME_SHIFT;
    }
}
