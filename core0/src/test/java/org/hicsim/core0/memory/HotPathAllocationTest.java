package org.hicsim.core0.memory;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checked loads and stores must not allocate: they run for every memory access a service makes.
 */
class HotPathAllocationTest
{
    private static final int SANDBOX = 2;
    private static final int PAGES = 16;
    private static final int ROUNDS = 20_000;

    @Test
    void shouldNotAllocateOnCheckedLoadsAndStores()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final PhysicalMemory memory = new PhysicalMemory(PhysicalMemory.CHUNK_SIZE);
        final MemoryAccess access = new MemoryAccess(memory);
        final PageTable table = new PageTable(memory, SANDBOX);
        final int first = memory.allocateContiguous(PAGES, SANDBOX, FrameType.PRIVILEGED);
        for (int page = 0; page < PAGES; page++)
        {
            table.map(page, first + page, PagePermissions.READ_WRITE, PageKind.DATA);
        }

        exercise(access, table);
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        final long sum = exercise(access, table);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        // A few bytes may come from the runtime (JIT, safepoint bookkeeping) during the window; what must not
        // happen is an allocation per access, which would cost at least 16 bytes a round.
        assertTrue(allocated < ROUNDS, "bytes allocated by " + ROUNDS + " rounds: " + allocated + " (sum=" + sum + ")");
    }

    private static long exercise(final MemoryAccess access, final PageTable table)
    {
        long sum = 0;
        for (int i = 0; i < ROUNDS; i++)
        {
            final long address = (long)(i % PAGES) * PAGE_SIZE + (i & 0x1F8);
            access.storeLong(table, address, i);
            access.storeInt(table, address + PAGE_SIZE / 2, i);
            sum += access.loadLong(table, address) + access.loadInt(table, address + PAGE_SIZE / 2);
            sum += access.loadLong(table, (long)PAGE_SIZE - 4);
        }
        return sum;
    }
}
