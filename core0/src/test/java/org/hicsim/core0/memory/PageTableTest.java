package org.hicsim.core0.memory;

import org.junit.jupiter.api.Test;

import static org.hicsim.core0.memory.PagePermissions.EXECUTE;
import static org.hicsim.core0.memory.PagePermissions.READ;
import static org.hicsim.core0.memory.PagePermissions.READ_EXECUTE;
import static org.hicsim.core0.memory.PagePermissions.READ_WRITE;
import static org.hicsim.core0.memory.PagePermissions.WRITE;
import static org.hicsim.core0.memory.PageTable.NOT_MAPPED;
import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.hicsim.core0.memory.PageTable.PERMISSION_DENIED;
import static org.hicsim.core0.memory.PhysicalMemory.CORE0_OWNER;
import static org.hicsim.core0.memory.PhysicalMemory.frameAddress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageTableTest
{
    private static final int SANDBOX = 3;
    private static final long VPAGE = 0x40;

    private final PhysicalMemory memory = new PhysicalMemory(PhysicalMemory.CHUNK_SIZE);
    private final PageTable table = new PageTable(memory, SANDBOX);
    private final int frame = memory.allocateContiguous(4, SANDBOX, FrameType.PRIVILEGED);

    @Test
    void shouldTranslateMappedAddressToFramePlusOffset()
    {
        table.map(VPAGE, frame + 2, READ_WRITE, PageKind.DATA);
        final long virtualAddress = VPAGE * PAGE_SIZE + 123;
        assertEquals(frameAddress(frame + 2) + 123, table.translate(virtualAddress, READ));
        assertEquals(frameAddress(frame + 2) + 123, table.translate(virtualAddress, WRITE));
    }

    @Test
    void shouldFaultOnUnmappedAddress()
    {
        table.map(VPAGE, frame, READ, PageKind.DATA);
        assertEquals(NOT_MAPPED, table.translate((VPAGE + 1) * PAGE_SIZE, READ));
        assertEquals(NOT_MAPPED, table.translate(-1, READ));
    }

    @Test
    void shouldDenyWriteToReadOnlyPage()
    {
        table.map(VPAGE, frame, READ_EXECUTE, PageKind.CODE);
        assertEquals(PERMISSION_DENIED, table.translate(VPAGE * PAGE_SIZE, WRITE));
    }

    @Test
    void shouldDenyExecuteOfNonExecutablePage()
    {
        table.map(VPAGE, frame, READ_WRITE, PageKind.STACK);
        assertEquals(PERMISSION_DENIED, table.translate(VPAGE * PAGE_SIZE, EXECUTE));
    }

    @Test
    void shouldDenyReadOfNonReadablePage()
    {
        table.map(VPAGE, frame, EXECUTE, PageKind.CODE);
        assertEquals(PERMISSION_DENIED, table.translate(VPAGE * PAGE_SIZE, READ));
        assertEquals(frameAddress(frame), table.translate(VPAGE * PAGE_SIZE, EXECUTE));
    }

    @Test
    void shouldTranslateToNewFrameAfterRemap()
    {
        table.map(VPAGE, frame, READ, PageKind.DATA);
        table.translate(VPAGE * PAGE_SIZE, READ);
        table.unmap(VPAGE);
        table.map(VPAGE, frame + 1, READ, PageKind.DATA);
        assertEquals(frameAddress(frame + 1), table.translate(VPAGE * PAGE_SIZE, READ));
    }

    @Test
    void shouldForgetEveryMappingOnClear()
    {
        table.map(VPAGE, frame, READ, PageKind.DATA);
        table.map(VPAGE + 1, frame + 1, READ, PageKind.DATA);
        table.translate(VPAGE * PAGE_SIZE, READ);
        table.clear();
        assertEquals(NOT_MAPPED, table.translate(VPAGE * PAGE_SIZE, READ));
        assertEquals(0, table.mappedPages());
    }

    @Test
    void shouldKeepPagesThatShareTheirLowerLevelIndicesApart()
    {
        // Same level-0, level-1 and level-2 indices, another level-3 one: only the root tells them apart.
        final long aliasPage = VPAGE + (1L << (3 * PageTable.INDEX_BITS));
        table.map(VPAGE, frame, READ, PageKind.DATA);
        table.map(aliasPage, frame + 1, READ_WRITE, PageKind.DATA);
        assertEquals(frameAddress(frame), table.translate(VPAGE * PAGE_SIZE, READ));
        assertEquals(frameAddress(frame + 1), table.translate(aliasPage * PAGE_SIZE, WRITE));
        assertEquals(PERMISSION_DENIED, table.translate(VPAGE * PAGE_SIZE, WRITE));
    }

    @Test
    void shouldRefuseToMapOverExistingMapping()
    {
        assertTrue(table.map(VPAGE, frame, READ, PageKind.DATA));
        assertFalse(table.map(VPAGE, frame + 1, READ_WRITE, PageKind.DATA));
        assertEquals(frame, PageTableEntryDescriptor.frameNumber(table.entry(VPAGE)));
    }

    @Test
    void shouldFaultAfterUnmapEvenWhenTranslationWasCached()
    {
        table.map(VPAGE, frame, READ, PageKind.DATA);
        assertEquals(frameAddress(frame), table.translate(VPAGE * PAGE_SIZE, READ));
        assertTrue(table.unmap(VPAGE));
        assertFalse(table.unmap(VPAGE));
        assertEquals(NOT_MAPPED, table.translate(VPAGE * PAGE_SIZE, READ));
        assertEquals(0, table.mappedPages());
    }

    @Test
    void shouldRefuseWritableMappingOfSharedFrame()
    {
        final int shared = memory.allocateContiguous(1, CORE0_OWNER, FrameType.SHARED);
        assertThrows(IllegalArgumentException.class, () -> table.map(VPAGE, shared, READ_WRITE, PageKind.SHARED));
        assertTrue(table.map(VPAGE, shared, READ, PageKind.SHARED));
    }

    @Test
    void shouldRefuseMappingOfFreeFrameOrEmptyPermissions()
    {
        assertThrows(IllegalArgumentException.class,
            () -> table.map(VPAGE, memory.totalFrames() - 1, READ, PageKind.DATA));
        assertThrows(IllegalArgumentException.class, () -> table.map(VPAGE, frame, 0, PageKind.DATA));
        assertThrows(IllegalArgumentException.class,
            () -> table.map(PageTable.VIRTUAL_PAGES, frame, READ, PageKind.DATA));
    }

    @Test
    void shouldPackEntryFieldsAtDescribedPositions()
    {
        final long entry = PageTableEntryDescriptor.entry(frame + 1, READ_EXECUTE, PageKind.STACK);
        assertEquals(frame + 1, entry >>> PageTableEntryDescriptor.FRAME_NUMBER_SHIFT);
        assertEquals(READ_EXECUTE, PageTableEntryDescriptor.permissions(entry));
        assertEquals(PageKind.STACK, PageTableEntryDescriptor.kind(entry));
        assertEquals(frameAddress(frame + 1), PageTableEntryDescriptor.frameAddress(entry));
    }
}
