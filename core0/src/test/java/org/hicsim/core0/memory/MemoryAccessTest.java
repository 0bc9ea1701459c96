package org.hicsim.core0.memory;

import org.junit.jupiter.api.Test;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.hicsim.core0.memory.PagePermissions.READ;
import static org.hicsim.core0.memory.PagePermissions.READ_WRITE;
import static org.hicsim.core0.memory.PagePermissions.WRITE;
import static org.hicsim.core0.memory.PageTable.NOT_MAPPED;
import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.hicsim.core0.memory.PageTable.PERMISSION_DENIED;
import static org.hicsim.core0.memory.PhysicalMemory.frameAddress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemoryAccessTest
{
    private static final int SANDBOX = 5;
    private static final long BASE = 0x10_0000L;

    private final PhysicalMemory memory = new PhysicalMemory(PhysicalMemory.CHUNK_SIZE);
    private final MemoryAccess access = new MemoryAccess(memory);
    private final PageTable table = new PageTable(memory, SANDBOX);
    private final int frame = memory.allocateContiguous(3, SANDBOX, FrameType.PRIVILEGED);

    @Test
    void shouldStoreAndLoadThroughMapping()
    {
        table.map(BASE / PAGE_SIZE, frame + 1, READ_WRITE, PageKind.DATA);
        access.storeLong(table, BASE + 16, 0x0102030405060708L);
        access.storeInt(table, BASE + 32, -7);
        access.storeByte(table, BASE + 40, (byte)9);
        assertEquals(0x0102030405060708L, access.loadLong(table, BASE + 16));
        assertEquals(-7, access.loadInt(table, BASE + 32));
        assertEquals(9, access.loadByte(table, BASE + 40));
        assertEquals(0x0102030405060708L, memory.getLong(frameAddress(frame + 1) + 16));
    }

    @Test
    void shouldCountAFrameWrittenOnItsFirstStoreEvenAfterLoadsMadeItFast()
    {
        table.map(BASE / PAGE_SIZE, frame, READ_WRITE, PageKind.DATA);
        table.map(BASE / PAGE_SIZE + 1, frame + 1, READ_WRITE, PageKind.DATA);
        memory.putLong(frameAddress(frame), 1);
        access.loadLong(table, BASE);
        assertEquals(0, memory.framesWrittenBy(SANDBOX), "Core-0's own write and a load write nothing for it");

        access.storeLong(table, BASE + 8, 2);
        access.storeLong(table, BASE + 16, 3);
        assertEquals(1, memory.framesWrittenBy(SANDBOX), "the first store through the table, once");
        assertEquals(3, access.loadLong(table, BASE + 16));

        access.storeByte(table, BASE + PAGE_SIZE, (byte)4);
        assertEquals(2, memory.framesWrittenBy(SANDBOX), "a store that is the page's first access counts too");
    }

    @Test
    void shouldMakeAWrittenFrameCleanWhenReleased()
    {
        table.map(BASE / PAGE_SIZE, frame + 2, READ_WRITE, PageKind.DATA);
        access.storeLong(table, BASE, 1);
        table.unmap(BASE / PAGE_SIZE);

        memory.free(frame + 2, 1, SANDBOX);

        assertEquals(0, memory.framesWrittenBy(SANDBOX));
        assertEquals(frame + 2, memory.allocateContiguous(1, SANDBOX, FrameType.PRIVILEGED, 1));
        assertFalse(memory.isWritten(frame + 2), "allocated again, it is clean");
    }

    @Test
    void shouldSplitLoadAcrossTwoMappedPagesBackedByDistantFrames()
    {
        table.map(BASE / PAGE_SIZE, frame + 2, READ_WRITE, PageKind.DATA);
        table.map(BASE / PAGE_SIZE + 1, frame, READ_WRITE, PageKind.DATA);
        final long straddling = BASE + PAGE_SIZE - 3;
        access.storeLong(table, straddling, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, access.loadLong(table, straddling));
        assertEquals((byte)0x88, memory.getByte(frameAddress(frame + 3) - 3), "low byte ends the first page");
        assertEquals((byte)0x55, memory.getByte(frameAddress(frame)), "fourth byte starts the second page");
        assertEquals((byte)0x11, memory.getByte(frameAddress(frame) + 4));
    }

    @Test
    void shouldFaultOnLoadFromUnmappedPage()
    {
        final PageFault fault = assertThrows(PageFault.class, () -> access.loadLong(table, BASE));
        assertEquals(SANDBOX, fault.sandboxId());
        assertEquals(BASE, fault.virtualAddress());
        assertEquals(READ, fault.access());
        assertEquals(NOT_MAPPED, fault.code());
    }

    @Test
    void shouldFaultOnStoreToReadOnlyPageAndLeaveMemoryUnchanged()
    {
        table.map(BASE / PAGE_SIZE, frame, READ, PageKind.DATA);
        final PageFault fault = assertThrows(PageFault.class, () -> access.storeInt(table, BASE, 1));
        assertEquals(WRITE, fault.access());
        assertEquals(PERMISSION_DENIED, fault.code());
        assertEquals(0, memory.getInt(frameAddress(frame)));
    }

    @Test
    void shouldChangeNothingWhenStraddlingStoreFaultsOnSecondPage()
    {
        table.map(BASE / PAGE_SIZE, frame, READ_WRITE, PageKind.DATA);
        final long straddling = BASE + PAGE_SIZE - SIZE_OF_INT;
        final PageFault fault = assertThrows(PageFault.class, () -> access.storeLong(table, straddling, -1L));
        assertEquals(BASE + PAGE_SIZE, fault.virtualAddress());
        assertEquals(0, memory.getInt(frameAddress(frame + 1) - SIZE_OF_INT));
    }

    @Test
    void shouldFaultOnLoadThatWrapsAroundAddressSpace()
    {
        final PageFault fault = assertThrows(PageFault.class,
            () -> access.loadLong(table, Long.MAX_VALUE - SIZE_OF_LONG / 2));
        assertEquals(NOT_MAPPED, fault.code());
    }

    @Test
    void shouldCopyByteRangesAcrossPages()
    {
        table.map(BASE / PAGE_SIZE, frame + 1, READ_WRITE, PageKind.DATA);
        table.map(BASE / PAGE_SIZE + 1, frame, READ_WRITE, PageKind.DATA);
        final byte[] data = new byte[PAGE_SIZE];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)i;
        }
        access.storeBytes(table, BASE + 100, data, 0, data.length);
        final byte[] back = new byte[data.length];
        access.loadBytes(table, BASE + 100, back, 0, back.length);
        assertArrayEquals(data, back);
    }

    @Test
    void shouldFaultOnByteRangeReachingUnmappedPage()
    {
        table.map(BASE / PAGE_SIZE, frame, READ_WRITE, PageKind.DATA);
        final byte[] data = new byte[2 * PAGE_SIZE];
        final PageFault fault = assertThrows(PageFault.class,
            () -> access.storeBytes(table, BASE, data, 0, data.length));
        assertEquals(BASE + PAGE_SIZE, fault.virtualAddress());
    }
}
