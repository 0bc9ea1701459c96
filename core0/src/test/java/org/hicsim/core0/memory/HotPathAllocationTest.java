package org.hicsim.core0.memory;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.memory.shared.SharedRegion;
import org.hicsim.core0.metrics.MetricsRegions;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.SharedRegionDescriptor;
import org.hicsim.core0.spi.SharedRegionReader;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checked loads and stores, shared-region reads and simulation steps must not allocate: they run for every memory
 * access a service makes and for every event of a run.
 */
class HotPathAllocationTest
{
    private static final int SANDBOX = 2;
    private static final int PAGES = 16;
    private static final int ROUNDS = 20_000;
    private static final int WARM_UP_RUNS = 5;

    @Test
    void shouldNotAllocateOnCheckedLoadsAndStores()
    {
        final PhysicalMemory memory = new PhysicalMemory(PhysicalMemory.CHUNK_SIZE);
        final MemoryAccess access = new MemoryAccess(memory);
        final PageTable table = new PageTable(memory, SANDBOX);
        final int first = memory.allocateContiguous(PAGES, SANDBOX, FrameType.PRIVILEGED);
        for (int page = 0; page < PAGES; page++)
        {
            table.map(page, first + page, PagePermissions.READ_WRITE, PageKind.DATA);
        }
        assertAllocatesNothing(() -> exercise(access, table));
    }

    @Test
    void shouldNotAllocateWhenLoadsWalkTheTablesPastTheWalkCache()
    {
        final PhysicalMemory memory = new PhysicalMemory(PhysicalMemory.CHUNK_SIZE);
        final MemoryAccess access = new MemoryAccess(memory);
        final PageTable table = new PageTable(memory, SANDBOX);
        final int ranges = 4 * PageTable.WALK_CACHE_SLOTS;
        final int first = memory.allocateContiguous(ranges, SANDBOX, FrameType.PRIVILEGED);
        for (int range = 0; range < ranges; range++)
        {
            // One page in each of many 2 MiB ranges, more than the walk cache holds, some in other level-2 tables.
            table.map((long)range * PageTable.TABLE_ENTRIES * 37, first + range, PagePermissions.READ_WRITE,
                PageKind.DATA);
            access.storeLong(table, (long)range * PageTable.TABLE_ENTRIES * 37 * PAGE_SIZE, range);
        }
        assertAllocatesNothing(() ->
        {
            long sum = 0;
            for (int i = 0; i < ROUNDS; i++)
            {
                sum += access.loadLong(table, (long)(i % ranges) * PageTable.TABLE_ENTRIES * 37 * PAGE_SIZE);
            }
            return sum;
        });
    }

    @Test
    void shouldNotAllocateOnSharedRegionReads()
    {
        final Kernel kernel = new Kernel(KernelConfig.withSeed(1), TraceSink.NONE);
        final int sandbox = kernel.sandboxes().create(SandboxSpec.privileged("reader", PAGE_SIZE, 10));
        final PhysicalMemory memory = kernel.memory();
        final PageTable table = kernel.sandboxes().get(sandbox).pageTable();
        final int snapshotBytes = 256;
        final int first = memory.allocateContiguous(
            SharedRegionDescriptor.framesFor(snapshotBytes), PhysicalMemory.CORE0_OWNER, FrameType.SHARED);
        final SharedRegion region = new SharedRegion(memory, first, snapshotBytes);
        region.beginUpdate();
        region.stageLong(snapshotBytes - Long.BYTES, 42);
        region.publish();
        assertTrue(region.mapInto(table, 0x1000));
        final SharedRegionReader reader = new SharedRegionReader(kernel.systemCalls(sandbox), 0x1000L * PAGE_SIZE);
        assertAllocatesNothing(() ->
        {
            long sum = 0;
            for (int i = 0; i < ROUNDS; i++)
            {
                reader.beginRead();
                sum += reader.readLong(snapshotBytes - Long.BYTES);
                sum += reader.validate() ? 1 : 0;
            }
            return sum;
        });
    }

    @Test
    void shouldNotAllocateWhenPublishingMetricsWhileTheInstanceWritesNewPages()
    {
        final Kernel kernel = new Kernel(KernelConfig.withSeed(1), TraceSink.NONE);
        final int instance = kernel.sandboxes().create(SandboxSpec.privileged("instance", ROUNDS * PAGE_SIZE, 10));
        final int reader = kernel.sandboxes().create(SandboxSpec.privileged("reader", PAGE_SIZE, 10));
        kernel.sandboxes().start(instance);
        kernel.sandboxes().start(reader);
        final MetricsRegions metrics = kernel.metricsRegions();
        assertTrue(metrics.grantReader(instance, reader) > 0);
        final SystemCalls calls = kernel.systemCalls(instance);
        final long base = calls.memoryBase();
        final int[] page = {0};
        assertAllocatesNothing(() ->
        {
            for (int i = 0; i < ROUNDS / (WARM_UP_RUNS + 1); i++)
            {
                calls.storeLong(base + (long)page[0]++ * PAGE_SIZE, i);
                metrics.publishAll(i);
            }
            return kernel.sandboxes().get(instance).metrics().memoryInUseBytes();
        });
    }

    @Test
    void shouldNotAllocateOnSimulationStepsOnceTheQueueHasGrown()
    {
        final Simulation simulation = new Simulation(1);
        final EventHandler reschedule = new EventHandler()
        {
            @Override
            public void onEvent(final long arg)
            {
                final long next = arg * 6364136223846793005L + 1442695040888963407L;
                simulation.schedule(1 + ((next >>> 33) & 0xFFFF), this, next);
            }
        };
        for (int i = 0; i < 10_000; i++)
        {
            simulation.schedule(i, reschedule, i);
        }
        // The queue's arrays grow to the run's peak, which the steady state reaches after a while.
        simulation.runUntilIdle(50L * ROUNDS);
        assertAllocatesNothing(() -> simulation.runUntilIdle(ROUNDS));
    }

    /**
     * Runs {@code work} a few times, so that the compiler has settled, then again counting this thread's
     * allocated bytes.
     */
    private static void assertAllocatesNothing(final LongSupplier work)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP_RUNS; i++)
        {
            work.getAsLong();
        }
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        final long result = work.getAsLong();
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        // A few bytes may come from the runtime (JIT, safepoint bookkeeping) during the window; what must not
        // happen is an allocation per operation, which would cost at least 16 bytes a round.
        assertTrue(allocated < ROUNDS, "bytes allocated by " + ROUNDS + " rounds: " + allocated + " (result=" +
            result + ")");
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
