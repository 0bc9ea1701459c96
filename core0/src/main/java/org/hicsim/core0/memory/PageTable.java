package org.hicsim.core0.memory;

import java.util.Arrays;

import org.agrona.collections.LongLongConsumer;

import static org.hicsim.core0.memory.PageTableEntryDescriptor.NO_ENTRY;

/**
 * One sandbox's view of memory: virtual page to physical frame, with R/W/X permissions per page.
 * <p>
 * A four-level radix tree walked as x86-64 hardware walks its page tables: each level takes nine bits of the
 * virtual page number as the index into a table of 512 entries.
 * <pre>
 *   47        39 38        30 29        21 20        12 11           0
 *  +------------+------------+------------+------------+--------------+
 *  |  level 3   |  level 2   |  level 1   |  level 0   | page offset  |
 *  +------------+------------+------------+------------+--------------+
 * </pre>
 * All tables live in one {@code long[]}. An entry of levels 3 to 1 holds the position of the next level's table
 * in that array. A level-0 table holds 512 packed page entries ({@link PageTableEntryDescriptor}),
 * then 512 native words: the native address of each page's frame or'ed with its permission bits, which stays 0 until a checked access first finds the frame's memory real (see {@link PhysicalMemory}); an address
 * never changes once memory is real, so the word needs no shootdown. As x86 sets a dirty bit on a page's first
 * write, a write this table lets through marks its frame written ({@link PhysicalMemory#framesWrittenBy}, the
 * memory a sandbox uses); to keep the fast path free of that test, a clean frame's native word is filled without
 * its write bit, so the first store to it takes the slow path once. Position 0 is an empty table that is never
 * written, and every absent entry of an upper level points at it, so a walk needs no test per level: through an
 * absent entry it reads zeros down to {@link PageTableEntryDescriptor#NO_ENTRY}.
 * <p>
 * As x86 keeps a paging-structure cache, a small direct-mapped walk cache remembers the level-0 table of recently
 * walked 2 MiB ranges, so most translations read the cache and one level-0 word. Tables are made when a mapping
 * first needs them and are kept when their pages are unmapped, as most kernels keep them, so a cached table
 * stays right until {@link #clear} releases them all. Nothing here allocates once the tables exist.
 * <p>
 * Only Core-0 changes a table; a sandbox never holds one. Which frames a sandbox may map is decided by its
 * capabilities, above this class; this class refuses only what no capability could allow: a frame that is free
 * or does not exist, and a writable mapping of a {@link FrameType#SHARED} frame.
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
    /** {@link #nativeAddress}: the access may proceed, but the frame's memory is not real yet. */
    static final long NOT_REAL = 0;

    /** Virtual page number bits each level resolves. */
    static final int INDEX_BITS = 9;
    static final int TABLE_ENTRIES = 1 << INDEX_BITS;
    static final int WALK_CACHE_SLOTS = 16;
    private static final int INDEX_MASK = TABLE_ENTRIES - 1;
    /** Where each level's index starts in a virtual page number. */
    private static final int LEVEL_1_SHIFT = INDEX_BITS;
    private static final int LEVEL_2_SHIFT = 2 * INDEX_BITS;
    private static final int LEVEL_3_SHIFT = 3 * INDEX_BITS;
    /** Where a level-0 table's native words start: after its entries, so the words a load reads lie together. */
    private static final int NATIVE_WORDS = TABLE_ENTRIES;
    private static final int UPPER_TABLE_LENGTH = TABLE_ENTRIES;
    private static final int LEAF_TABLE_LENGTH = 2 * TABLE_ENTRIES;
    /** Where the never-written empty table is, and so what an absent upper-level entry holds. */
    private static final int EMPTY_TABLE = 0;
    /** The empty table is as long as a level-0 table, since a walk may end in it at any level. */
    private static final int ROOT_TABLE = EMPTY_TABLE + LEAF_TABLE_LENGTH;
    private static final int INITIAL_LENGTH = ROOT_TABLE + UPPER_TABLE_LENGTH;
    private static final int WALK_CACHE_MASK = WALK_CACHE_SLOTS - 1;
    private static final long NO_RANGE = -1;
    private static final long NATIVE_FRAME_MASK = ~PAGE_OFFSET_MASK;

    private final PhysicalMemory memory;
    private final int sandboxId;
    /** Pairs of (range, position of its level-0 table); only tables that exist are cached. */
    private final long[] walkCache = new long[WALK_CACHE_SLOTS * 2];
    private long[] tables;
    /** Position of the next table to make. */
    private int tablesEnd;
    private int mappedPages;
    /** The range of the last translation that found a level-0 table, and that table. */
    private long lastRange;
    private int lastLeaf;

    public PageTable(final PhysicalMemory memory, final int sandboxId)
    {
        this.memory = memory;
        this.sandboxId = sandboxId;
        reset();
    }

    public int sandboxId()
    {
        return sandboxId;
    }

    /**
     * For a system call that acts on a caller's table: the table must be the caller's own.
     *
     * @throws IllegalArgumentException if it is another sandbox's.
     */
    public void checkBelongsTo(final int callerSandboxId)
    {
        if (sandboxId != callerSandboxId)
        {
            throw new IllegalArgumentException("sandboxId=" + callerSandboxId + " pageTable.sandboxId=" + sandboxId);
        }
    }

    public int mappedPages()
    {
        return mappedPages;
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
        final int level2 = nextTableOrMake(ROOT_TABLE + index(virtualPage, LEVEL_3_SHIFT), UPPER_TABLE_LENGTH);
        final int level1 = nextTableOrMake(level2 + index(virtualPage, LEVEL_2_SHIFT), UPPER_TABLE_LENGTH);
        final int table = nextTableOrMake(level1 + index(virtualPage, LEVEL_1_SHIFT), LEAF_TABLE_LENGTH);
        final int slot = table + index(virtualPage, 0);
        if (tables[slot] != NO_ENTRY)
        {
            return false;
        }
        tables[slot] = PageTableEntryDescriptor.entry(frame, permissions, kind);
        tables[slot + NATIVE_WORDS] = NOT_REAL;
        mappedPages++;
        return true;
    }

    /**
     * @return false when the page was not mapped.
     */
    public boolean unmap(final long virtualPage)
    {
        if (virtualPage < 0 || virtualPage >= VIRTUAL_PAGES)
        {
            return false;
        }
        final int slot = leafSlot(virtualPage);
        // An absent page's slot lies in the empty table, which holds NO_ENTRY and must never be written.
        if (tables[slot] == NO_ENTRY)
        {
            return false;
        }
        tables[slot] = NO_ENTRY;
        tables[slot + NATIVE_WORDS] = NOT_REAL;
        mappedPages--;
        return true;
    }

    public void clear()
    {
        reset();
    }

    /**
     * Hands each mapped page and its packed entry ({@link PageTableEntryDescriptor}) to {@code visitor}, in the
     * table's own (deterministic) order: for invariant checks.
     */
    public void forEachMapping(final LongLongConsumer visitor)
    {
        final long[] tables = this.tables;
        for (int i3 = 0; i3 < TABLE_ENTRIES; i3++)
        {
            final int level2 = (int)tables[ROOT_TABLE + i3];
            for (int i2 = 0; level2 != EMPTY_TABLE && i2 < TABLE_ENTRIES; i2++)
            {
                final int level1 = (int)tables[level2 + i2];
                for (int i1 = 0; level1 != EMPTY_TABLE && i1 < TABLE_ENTRIES; i1++)
                {
                    final int leaf = (int)tables[level1 + i1];
                    for (int i0 = 0; leaf != EMPTY_TABLE && i0 < TABLE_ENTRIES; i0++)
                    {
                        final long entry = tables[leaf + i0];
                        if (entry != NO_ENTRY)
                        {
                            visitor.accept(((long)i3 << LEVEL_3_SHIFT) | ((long)i2 << LEVEL_2_SHIFT)
                                | ((long)i1 << LEVEL_1_SHIFT) | i0, entry);
                        }
                    }
                }
            }
        }
    }

    /**
     * @return the packed entry for the page, or {@link PageTableEntryDescriptor#NO_ENTRY}.
     */
    public long entry(final long virtualPage)
    {
        if (virtualPage < 0 || virtualPage >= VIRTUAL_PAGES)
        {
            return NO_ENTRY;
        }
        return tables[leafSlot(virtualPage)];
    }

    /**
     * The physical address of one byte, if an access of the given kind may touch it. A write it allows marks the
     * frame written, as the walk of x86 sets the dirty bit: ask for {@link PagePermissions#WRITE} only to write.
     *
     * @param access one of {@link PagePermissions#READ}, {@link PagePermissions#WRITE},
     *               {@link PagePermissions#EXECUTE}.
     * @return the physical address, or {@link #NOT_MAPPED} or {@link #PERMISSION_DENIED}.
     */
    public long translate(final long virtualAddress, final int access)
    {
        if ((virtualAddress >>> VIRTUAL_ADDRESS_BITS) != 0)
        {
            return NOT_MAPPED;
        }
        final long entry = tables[leafSlot(virtualAddress >>> PAGE_SHIFT)];
        // NO_ENTRY has no permission bit, so one test passes every access that may proceed.
        if ((entry & access) == 0)
        {
            return entry == NO_ENTRY ? NOT_MAPPED : PERMISSION_DENIED;
        }
        if (access == PagePermissions.WRITE)
        {
            memory.markWritten(PageTableEntryDescriptor.frameNumber(entry));
        }
        return PageTableEntryDescriptor.frameAddress(entry) | (virtualAddress & PAGE_OFFSET_MASK);
    }

    /**
     * The checked accesses' fast path: the native address of one byte, if an access of the given kind may touch
     * it and its frame's memory is real. It reads the walk cache and one word of a level-0 table.
     *
     * @return the native address, or {@link #NOT_REAL} (a permitted access to memory that is not real yet), or
     * {@link #NOT_MAPPED} or {@link #PERMISSION_DENIED}; {@link #translate} then gives the physical address.
     */
    long nativeAddress(final long virtualAddress, final int access)
    {
        final long page = virtualAddress >>> PAGE_SHIFT;
        final long range = page >>> INDEX_BITS;
        // A level-0 table covers one 2 MiB range. An address outside the virtual address space has a range no
        // cache slot holds.
        final int leaf = range == lastRange ? lastLeaf : cachedLeaf(page, range);
        final int slot = leaf + ((int)page & INDEX_MASK);
        final long nativeWord = tables[slot + NATIVE_WORDS];
        if ((nativeWord & access) == 0)
        {
            return nativeWordMissing(slot, virtualAddress, access);
        }
        return (nativeWord & NATIVE_FRAME_MASK) | (virtualAddress & PAGE_OFFSET_MASK);
    }

    /**
     * The native word lacks the access: the page is not mapped, or not for this access, or its frame's memory was
     * not real when last looked at, or this is the first write to a clean frame. Marks a write's frame written,
     * and fills the word once the memory is real, with the write bit only once the frame is written.
     */
    private long nativeWordMissing(final int slot, final long virtualAddress, final int access)
    {
        final long entry = tables[slot];
        if ((entry & access) == 0)
        {
            return translate(virtualAddress, access);
        }
        final int frame = PageTableEntryDescriptor.frameNumber(entry);
        if (access == PagePermissions.WRITE)
        {
            memory.markWritten(frame);
        }
        final long frameAddress = memory.nativeFrameAddress(frame);
        if (frameAddress == NOT_REAL)
        {
            return NOT_REAL;
        }
        final int permissions = PageTableEntryDescriptor.permissions(entry);
        tables[slot + NATIVE_WORDS] = frameAddress
            | (memory.isWritten(frame) ? permissions : permissions & ~PagePermissions.WRITE);
        return frameAddress | (virtualAddress & PAGE_OFFSET_MASK);
    }

    /**
     * The level-0 table of a range other than the last one: from the walk cache, or by a walk. The last range is
     * checked first because accesses cluster: a sandbox's working set is mostly one or two ranges.
     */
    private int cachedLeaf(final long virtualPage, final long range)
    {
        final int cacheSlot = ((int)range & WALK_CACHE_MASK) << 1;
        final int leaf = walkCache[cacheSlot] == range ? (int)walkCache[cacheSlot + 1] : walkToLeaf(virtualPage, cacheSlot);
        if (leaf != EMPTY_TABLE)
        {
            lastRange = range;
            lastLeaf = leaf;
        }
        return leaf;
    }

    private int walkToLeaf(final long virtualPage, final int cacheSlot)
    {
        if (virtualPage >= VIRTUAL_PAGES)
        {
            return EMPTY_TABLE;
        }
        final int leaf = leafTable(virtualPage);
        if (leaf != EMPTY_TABLE)
        {
            walkCache[cacheSlot] = virtualPage >>> INDEX_BITS;
            walkCache[cacheSlot + 1] = leaf;
        }
        return leaf;
    }

    /**
     * The walk: where the level-0 entry of a page below {@link #VIRTUAL_PAGES} is, in a table of its own if the
     * page's range has one, else in the empty table.
     */
    private int leafSlot(final long virtualPage)
    {
        return leafTable(virtualPage) + index(virtualPage, 0);
    }

    private int leafTable(final long virtualPage)
    {
        final long[] tables = this.tables;
        final int level2 = (int)tables[ROOT_TABLE + index(virtualPage, LEVEL_3_SHIFT)];
        final int level1 = (int)tables[level2 + index(virtualPage, LEVEL_2_SHIFT)];
        return (int)tables[level1 + index(virtualPage, LEVEL_1_SHIFT)];
    }

    private int nextTableOrMake(final int slot, final int length)
    {
        final int next = (int)tables[slot];
        if (next != EMPTY_TABLE)
        {
            return next;
        }
        if (tables.length - tablesEnd < length)
        {
            tables = Arrays.copyOf(tables, tables.length << 1);
        }
        final int made = tablesEnd;
        tablesEnd += length;
        tables[slot] = made;
        return made;
    }

    private void reset()
    {
        tables = new long[INITIAL_LENGTH];
        tablesEnd = INITIAL_LENGTH;
        mappedPages = 0;
        Arrays.fill(walkCache, NO_RANGE);
        lastRange = NO_RANGE;
    }

    private static int index(final long virtualPage, final int shift)
    {
        return (int)(virtualPage >>> shift) & INDEX_MASK;
    }

    private static void checkVirtualPage(final long virtualPage)
    {
        if (virtualPage < 0 || virtualPage >= VIRTUAL_PAGES)
        {
            throw new IllegalArgumentException("virtualPage=" + virtualPage + " outside VIRTUAL_PAGES=" + VIRTUAL_PAGES);
        }
    }
}
