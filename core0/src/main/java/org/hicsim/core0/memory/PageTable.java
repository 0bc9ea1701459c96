package org.hicsim.core0.memory;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongLongConsumer;

import static org.hicsim.core0.memory.PageTableEntryDescriptor.NO_ENTRY;

/**
 * One sandbox's view of memory: virtual page to physical frame, with R/W/X permissions per page.
 * <p>
 * Entries are packed {@code long}s ({@link PageTableEntryDescriptor}) in a primitive map, fronted by a small
 * direct-mapped TLB that {@link #unmap} and {@link #clear} shoot down, so translation allocates nothing and
 * mostly costs two array reads. Only Core-0 changes a table; a sandbox never holds one. Which frames a sandbox may map is
 * decided by its capabilities, above this class; this class refuses only what no capability could allow:
 * a frame that is free or does not exist, and a writable mapping of a {@link FrameType#SHARED} frame.
 */
public final class PageTable
{
    public static final int PAGE_SHIFT = PhysicalMemory.FRAME_SHIFT;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final long PAGE_OFFSET_MASK = PAGE_SIZE - 1;
    public static final int VIRTUAL_ADDRESS_BITS = 48;
    public static final long VIRTUAL_PAGES = 1L << (VIRTUAL_ADDRESS_BITS - PAGE_SHIFT);

    /** {@link #translate} fault: no page is mapped at the address. */
    public static final long NOT_MAPPED = -1;
    /** {@link #translate} fault: the page is mapped without the permission the access needs. */
    public static final long PERMISSION_DENIED = -2;

    static final int TLB_SLOTS = 64;
    private static final int TLB_SLOT_MASK = TLB_SLOTS - 1;
    private static final long NO_PAGE = -1;

    private final PhysicalMemory memory;
    private final int sandboxId;
    private final Long2LongHashMap entries = new Long2LongHashMap(NO_ENTRY);
    /** Direct-mapped cache of recent translations: page and entry side by side, {@link #NO_PAGE} when empty. */
    private final long[] tlb = new long[TLB_SLOTS * 2];

    public PageTable(final PhysicalMemory memory, final int sandboxId)
    {
        this.memory = memory;
        this.sandboxId = sandboxId;
        flushTlb();
    }

    public int sandboxId()
    {
        return sandboxId;
    }

    public int mappedPages()
    {
        return entries.size();
    }

    /**
     * @return false, changing nothing, when the page is already mapped: unmap first.
     */
    public boolean map(final long virtualPage, final int frame, final int permissions, final PageKind kind)
    {
        checkVirtualPage(virtualPage);
        PagePermissions.checkPermissions(permissions);
        final FrameType type = memory.frameType(frame);
        if (type == FrameType.FREE || (type == FrameType.SHARED && (permissions & PagePermissions.WRITE) != 0))
        {
            throw new IllegalArgumentException("frame=" + frame + " type=" + type + " cannot be mapped with " +
                "permissions=" + PagePermissions.describe(permissions) + " sandboxId=" + sandboxId);
        }
        return entries.putIfAbsent(virtualPage, PageTableEntryDescriptor.entry(frame, permissions, kind)) == NO_ENTRY;
    }

    /**
     * @return false when the page was not mapped.
     */
    public boolean unmap(final long virtualPage)
    {
        final int slot = tlbSlot(virtualPage);
        if (tlb[slot] == virtualPage)
        {
            tlb[slot] = NO_PAGE;
        }
        return entries.remove(virtualPage) != NO_ENTRY;
    }

    public void clear()
    {
        entries.clear();
        flushTlb();
    }

    /**
     * Hands each mapped page and its packed entry ({@link PageTableEntryDescriptor}) to {@code visitor}, in the
     * table's own (deterministic) order: for invariant checks.
     */
    public void forEachMapping(final LongLongConsumer visitor)
    {
        entries.forEachLong(visitor);
    }

    /**
     * @return the packed entry for the page, or {@link PageTableEntryDescriptor#NO_ENTRY}.
     */
    public long entry(final long virtualPage)
    {
        return entries.get(virtualPage);
    }

    /**
     * The physical address of one byte, if an access of the given kind may touch it.
     *
     * @param access one of {@link PagePermissions#READ}, {@link PagePermissions#WRITE},
     *               {@link PagePermissions#EXECUTE}.
     * @return the physical address, or {@link #NOT_MAPPED} or {@link #PERMISSION_DENIED}.
     */
    public long translate(final long virtualAddress, final int access)
    {
        final long page = virtualAddress >>> PAGE_SHIFT;
        final long[] tlb = this.tlb;
        final int slot = tlbSlot(page);
        final long entry = tlb[slot] == page ? tlb[slot + 1] : walk(page, slot);
        if (entry == NO_ENTRY)
        {
            return NOT_MAPPED;
        }
        if ((entry & access) == 0)
        {
            return PERMISSION_DENIED;
        }
        return PageTableEntryDescriptor.frameAddress(entry) | (virtualAddress & PAGE_OFFSET_MASK);
    }

    /**
     * TLB miss: look the page up and, if it is mapped, cache it. Only mappings are cached, so mapping a page
     * never needs a shootdown; unmapping one does.
     */
    private long walk(final long page, final int slot)
    {
        final long entry = entries.get(page);
        if (entry != NO_ENTRY)
        {
            tlb[slot] = page;
            tlb[slot + 1] = entry;
        }
        return entry;
    }

    private void flushTlb()
    {
        for (int slot = 0; slot < tlb.length; slot += 2)
        {
            tlb[slot] = NO_PAGE;
        }
    }

    private static int tlbSlot(final long page)
    {
        return ((int)page & TLB_SLOT_MASK) << 1;
    }

    private static void checkVirtualPage(final long virtualPage)
    {
        if (virtualPage < 0 || virtualPage >= VIRTUAL_PAGES)
        {
            throw new IllegalArgumentException("virtualPage=" + virtualPage + " outside VIRTUAL_PAGES=" + VIRTUAL_PAGES);
        }
    }
}
