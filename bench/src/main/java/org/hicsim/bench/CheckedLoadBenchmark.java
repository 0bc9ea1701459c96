package org.hicsim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.MemoryAccess;
import org.hicsim.core0.memory.PageKind;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PhysicalMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of a checked 8-byte load: {@link MemoryAccess#loadLong} through a {@link PageTable} with {@code pages}
 * mapped pages, at precomputed pseudo-random aligned addresses, against {@link UnsafeBuffer#getLong} at the same
 * offsets of one buffer of the same size. Targets: within 3x of the raw load at 64 pages, 2x at 4096.
 * <p>
 * 64 pages (256 KiB) lie in one 2 MiB range, so every translation hits the page table's walk cache and its
 * level-0 words stay in L1, and the data in L2; 4096 pages (16 MiB) span eight ranges, still within the walk
 * cache, but the data and the level-0 words compete for the caches, and the data lie beyond L2.
 * <p>
 * {@code checkedLoadLongRecord} reads the same memory as a service reads its records: the four 8-byte fields of
 * one 32-byte record at a pseudo-random place, then the next record's. Three loads in four go to the page the
 * load before went to, about as often as in the standard scenario (77% of its loads), which is what the page
 * table's last-page entry is for; {@code baselineUnsafeBufferGetLongRecord} reads the same offsets raw.
 * <p>
 * {@code checkedLoadBytesAcrossPages} copies 1 KiB that straddles a page boundary at a pseudo-random page, the
 * path a bulk copy takes when it crosses pages (both pages checked, then one copy per page);
 * {@code baselineUnsafeBufferGetBytes} copies the same bytes out of the raw buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class CheckedLoadBenchmark
{
    private static final int LOADS_PER_INVOCATION = 1_024;
    private static final int ADDRESSES = 1 << 14;
    private static final int SANDBOX = 1;
    /** Where the mapping starts in the sandbox's address space: away from zero, as a real layout would be. */
    private static final long FIRST_VIRTUAL_PAGE = 0x10_000;
    private static final int RECORD_FIELDS = 4;
    private static final int RECORD_BYTES = RECORD_FIELDS * Long.BYTES;
    private static final int COPIES_PER_INVOCATION = 64;
    private static final int COPY_BYTES = 1024;

    @Param({ "64", "4096" })
    int pages;

    private MemoryAccess access;
    private PageTable table;
    private UnsafeBuffer raw;
    private long[] virtualAddresses;
    private int[] rawOffsets;
    private long[] recordVirtualAddresses;
    private int[] recordRawOffsets;
    private final byte[] copied = new byte[COPY_BYTES];
    private int cursor;

    @Setup(Level.Trial)
    public void setUp()
    {
        final PhysicalMemory memory = new PhysicalMemory();
        final int firstFrame = memory.allocateContiguous(pages, SANDBOX, FrameType.APPLICATION);
        if (firstFrame < 0)
        {
            throw new IllegalStateException("pages=" + pages + " could not be allocated: " + firstFrame);
        }
        table = new PageTable(memory, SANDBOX);
        for (int page = 0; page < pages; page++)
        {
            table.map(FIRST_VIRTUAL_PAGE + page, firstFrame + page, PagePermissions.READ, PageKind.DATA);
        }
        access = new MemoryAccess(memory);

        final int length = pages * PageTable.PAGE_SIZE;
        raw = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, BitUtil.CACHE_LINE_LENGTH));
        final long physicalBase = PhysicalMemory.frameAddress(firstFrame);
        for (int offset = 0; offset < length; offset += Long.BYTES)
        {
            final long value = offset * 0x9E37_79B9_7F4A_7C15L;
            memory.putLong(physicalBase + offset, value);
            raw.putLong(offset, value, PhysicalMemory.BYTE_ORDER);
        }

        final SplittableRandom random = new SplittableRandom(42);
        final long virtualBase = FIRST_VIRTUAL_PAGE << PageTable.PAGE_SHIFT;
        virtualAddresses = new long[ADDRESSES];
        rawOffsets = new int[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++)
        {
            final int offset = random.nextInt(length / Long.BYTES) * Long.BYTES;
            rawOffsets[i] = offset;
            virtualAddresses[i] = virtualBase + offset;
            if (access.loadLong(table, virtualAddresses[i]) != raw.getLong(offset, PhysicalMemory.BYTE_ORDER))
            {
                throw new IllegalStateException("checked and raw loads disagree at offset=" + offset);
            }
        }
        recordVirtualAddresses = new long[ADDRESSES];
        recordRawOffsets = new int[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i += RECORD_FIELDS)
        {
            final int record = random.nextInt(length / RECORD_BYTES) * RECORD_BYTES;
            for (int field = 0; field < RECORD_FIELDS; field++)
            {
                recordRawOffsets[i + field] = record + field * Long.BYTES;
                recordVirtualAddresses[i + field] = virtualBase + record + field * Long.BYTES;
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOADS_PER_INVOCATION)
    public long checkedLoadLong()
    {
        return sumChecked(virtualAddresses);
    }

    @Benchmark
    @OperationsPerInvocation(LOADS_PER_INVOCATION)
    public long checkedLoadLongRecord()
    {
        return sumChecked(recordVirtualAddresses);
    }

    @Benchmark
    @OperationsPerInvocation(LOADS_PER_INVOCATION)
    public long baselineUnsafeBufferGetLongRecord()
    {
        return sumRaw(recordRawOffsets);
    }

    @Benchmark
    @OperationsPerInvocation(LOADS_PER_INVOCATION)
    public long baselineUnsafeBufferGetLong()
    {
        return sumRaw(rawOffsets);
    }

    @Benchmark
    @OperationsPerInvocation(COPIES_PER_INVOCATION)
    public long checkedLoadBytesAcrossPages()
    {
        final MemoryAccess access = this.access;
        final PageTable table = this.table;
        final long[] addresses = virtualAddresses;
        final int start = cursor;
        long sum = 0;
        for (int i = 0; i < COPIES_PER_INVOCATION; i++)
        {
            access.loadBytes(table, straddling(addresses[(start + i) & (ADDRESSES - 1)]), copied, 0, COPY_BYTES);
            sum += copied[i];
        }
        cursor = start + COPIES_PER_INVOCATION;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(COPIES_PER_INVOCATION)
    public long baselineUnsafeBufferGetBytes()
    {
        final UnsafeBuffer raw = this.raw;
        final int[] offsets = rawOffsets;
        final int start = cursor;
        long sum = 0;
        for (int i = 0; i < COPIES_PER_INVOCATION; i++)
        {
            raw.getBytes((int)straddling(offsets[(start + i) & (ADDRESSES - 1)]), copied, 0, COPY_BYTES);
            sum += copied[i];
        }
        cursor = start + COPIES_PER_INVOCATION;
        return sum;
    }

    /**
     * Where a copy of {@link #COPY_BYTES} that straddles the end of the page holding {@code address} starts, or of
     * the page before it when that is the last page: the same place for a virtual address and a raw offset, both
     * of which start at a page boundary.
     */
    private long straddling(final long address)
    {
        final long page = address & ~PageTable.PAGE_OFFSET_MASK;
        final long end = (long)pages << PageTable.PAGE_SHIFT;
        final long pageEnd = (page & (end - 1)) + PageTable.PAGE_SIZE == end ? page : page + PageTable.PAGE_SIZE;
        return pageEnd - COPY_BYTES / 2;
    }

    private long sumChecked(final long[] addresses)
    {
        final MemoryAccess access = this.access;
        final PageTable table = this.table;
        final int start = cursor;
        long sum = 0;
        for (int i = 0; i < LOADS_PER_INVOCATION; i++)
        {
            sum += access.loadLong(table, addresses[(start + i) & (ADDRESSES - 1)]);
        }
        cursor = start + LOADS_PER_INVOCATION;
        return sum;
    }

    private long sumRaw(final int[] offsets)
    {
        final UnsafeBuffer raw = this.raw;
        final int start = cursor;
        long sum = 0;
        for (int i = 0; i < LOADS_PER_INVOCATION; i++)
        {
            sum += raw.getLong(offsets[(start + i) & (ADDRESSES - 1)]);
        }
        cursor = start + LOADS_PER_INVOCATION;
        return sum;
    }
}
