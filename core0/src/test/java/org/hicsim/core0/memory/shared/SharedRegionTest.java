package org.hicsim.core0.memory.shared;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SandboxTerminatedException;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.MemoryAccess;
import org.hicsim.core0.memory.PageFault;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.SharedRegionDescriptor;
import org.hicsim.core0.spi.SharedRegionReader;
import org.junit.jupiter.api.Test;

import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.hicsim.core0.memory.PhysicalMemory.CORE0_OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedRegionTest
{
    private static final int SNAPSHOT_BYTES = 2 * PAGE_SIZE;
    private static final long REGION_PAGE = 0x200;
    private static final long REGION_ADDRESS = REGION_PAGE * PAGE_SIZE;
    private static final long SANDBOX_BYTES = 4 * PAGE_SIZE;
    private static final long OLD_VALUE = 1;
    private static final long NEW_VALUE = 2;

    private final Kernel kernel = new Kernel(KernelConfig.withSeed(7), TraceSink.NONE);
    private final int sandboxA = kernel.sandboxes().create(SandboxSpec.privileged("a", SANDBOX_BYTES, 10));
    private final int sandboxB = kernel.sandboxes().create(SandboxSpec.privileged("b", SANDBOX_BYTES, 10));
    private final PhysicalMemory memory = kernel.memory();
    private final MemoryAccess access = kernel.memoryAccess();
    private final SharedRegion region = new SharedRegion(memory,
        memory.allocateContiguous(SharedRegionDescriptor.framesFor(SNAPSHOT_BYTES), CORE0_OWNER, FrameType.SHARED),
        SNAPSHOT_BYTES);
    private final PageTable tableA = kernel.sandboxes().get(sandboxA).pageTable();
    private final PageTable tableB = kernel.sandboxes().get(sandboxB).pageTable();
    private final SharedRegionReader readerA = new SharedRegionReader(kernel.systemCalls(sandboxA), REGION_ADDRESS);

    @Test
    void shouldShowReaderWholeOldVersionBetweenTwoPartialWrites()
    {
        region.mapInto(tableA, REGION_PAGE);
        publishPair(OLD_VALUE);

        region.beginUpdate();
        region.stageLong(0, NEW_VALUE);
        assertPairReads(OLD_VALUE, OLD_VALUE);
        region.stageLong(SIZE_OF_LONG, NEW_VALUE);
        assertPairReads(OLD_VALUE, OLD_VALUE);

        region.publish();
        assertPairReads(NEW_VALUE, NEW_VALUE);
    }

    @Test
    void shouldCarryUnchangedBytesIntoNextVersion()
    {
        region.mapInto(tableA, REGION_PAGE);
        publishPair(OLD_VALUE);
        region.beginUpdate();
        region.stageLong(SIZE_OF_LONG, NEW_VALUE);
        region.publish();
        assertPairReads(OLD_VALUE, NEW_VALUE);
    }

    @Test
    void shouldFaultWhenSandboxWritesToSharedRegion()
    {
        region.mapInto(tableA, REGION_PAGE);
        publishPair(OLD_VALUE);
        final long snapshotAddress = REGION_ADDRESS + SharedRegionDescriptor.HEADER_LENGTH;
        final PageFault fault = assertThrows(PageFault.class,
            () -> access.storeLong(tableA, snapshotAddress, NEW_VALUE));
        assertEquals(PageTable.PERMISSION_DENIED, fault.code());
        assertEquals(PagePermissions.WRITE, fault.access());
        assertPairReads(OLD_VALUE, OLD_VALUE);
    }

    @Test
    void shouldLetManySandboxesReadTheSameFrames()
    {
        assertTrue(region.mapInto(tableA, REGION_PAGE));
        assertTrue(region.mapInto(tableB, REGION_PAGE + 7));
        publishPair(OLD_VALUE);
        final SharedRegionReader readerB =
            new SharedRegionReader(kernel.systemCalls(sandboxB), (REGION_PAGE + 7) * PAGE_SIZE);
        assertEquals(region.publishedVersion(), readerB.beginRead());
        assertEquals(OLD_VALUE, readerB.readLong(SIZE_OF_LONG));
        assertEquals(tableA.translate(REGION_ADDRESS, PagePermissions.READ),
            tableB.translate((REGION_PAGE + 7) * PAGE_SIZE, PagePermissions.READ));
        assertEquals(region.frameCount(), tableB.mappedPages() - SANDBOX_BYTES / PAGE_SIZE);
    }

    @Test
    void shouldTellReaderThatItsCopyIsBeingOverwritten()
    {
        region.mapInto(tableA, REGION_PAGE);
        publishPair(OLD_VALUE);
        readerA.beginRead();

        publishPair(NEW_VALUE);
        assertTrue(readerA.validate(), "the next version is written into the other copy");
        region.beginUpdate();
        assertFalse(readerA.validate(), "the version after that reuses the reader's copy");
    }

    @Test
    void shouldPublishByFlippingHeaderVersion()
    {
        publishPair(OLD_VALUE);
        final long header = PhysicalMemory.frameAddress(region.firstFrame());
        assertEquals(1, memory.getLong(header + SharedRegionDescriptor.PUBLISHED_VERSION_OFFSET));
        assertEquals(2 * SIZE_OF_LONG, memory.getInt(header + SharedRegionDescriptor.copyLengthOffset(1)));
        assertEquals(OLD_VALUE, memory.getLong(header + SharedRegionDescriptor.copyOffset(1, region.capacity())));
    }

    @Test
    void shouldNotLeakAbortedBytesIntoNextVersion()
    {
        region.mapInto(tableA, REGION_PAGE);
        publishPair(OLD_VALUE);
        region.beginUpdate();
        region.stageLong(4 * SIZE_OF_LONG, NEW_VALUE);
        region.abortUpdate();
        region.beginUpdate();
        region.stageLong(5 * SIZE_OF_LONG, NEW_VALUE);
        region.publish();

        readerA.beginRead();
        final byte[] snapshot = new byte[readerA.length()];
        readerA.readBytes(0, snapshot, 0, snapshot.length);
        assertEquals(0, readerA.readLong(4 * SIZE_OF_LONG));
        assertEquals(NEW_VALUE, readerA.readLong(5 * SIZE_OF_LONG));
        assertEquals(6 * SIZE_OF_LONG, snapshot.length);
    }

    @Test
    void shouldFaultWhenRegionIsNotMappedForReader()
    {
        region.mapInto(tableA, REGION_PAGE);
        assertTrue(region.unmapFrom(tableA, REGION_PAGE));
        assertThrows(SandboxTerminatedException.class, readerA::beginRead);
        assertFalse(kernel.sandboxes().get(sandboxA).isAlive());
    }

    @Test
    void shouldRetryReadUntilItSeesOneWholeVersion()
    {
        region.mapInto(tableA, REGION_PAGE);
        publishPair(OLD_VALUE);
        final long[] firstSeen = new long[2];
        final int[] attempts = {0};
        final long version = readerA.read(reader ->
        {
            firstSeen[attempts[0]] = reader.readLong(0);
            if (attempts[0]++ == 0)
            {
                publishPair(NEW_VALUE);
                region.beginUpdate();
                region.stageLong(0, OLD_VALUE + NEW_VALUE);
            }
        });
        assertEquals(2, attempts[0], "the first read was torn: the writer began overwriting its copy");
        assertEquals(region.publishedVersion(), version);
        assertEquals(NEW_VALUE, firstSeen[1]);
    }

    @Test
    void shouldReportTornReadWhenWriterKeepsOverwriting()
    {
        region.mapInto(tableA, REGION_PAGE);
        publishPair(OLD_VALUE);
        final long version = readerA.read(reader ->
        {
            publishPair(NEW_VALUE);
            publishPair(NEW_VALUE);
        });
        assertEquals(-1, version);
    }

    @Test
    void shouldKeepDescriptorPageSizeCore0sFrameSize()
    {
        assertEquals(PhysicalMemory.FRAME_SIZE, SharedRegionDescriptor.PAGE_SIZE);
    }

    @Test
    void shouldRefuseFramesThatAreNotSharedFramesOfCore0()
    {
        final int frames = SharedRegionDescriptor.framesFor(SNAPSHOT_BYTES);
        final int first = memory.allocateContiguous(frames, CORE0_OWNER, FrameType.CORE);
        assertThrows(IllegalArgumentException.class, () -> new SharedRegion(memory, first, SNAPSHOT_BYTES));
    }

    @Test
    void shouldRefuseStagingOutsideUpdateOrBeyondCapacity()
    {
        assertThrows(IllegalStateException.class, () -> region.stageLong(0, 1));
        region.beginUpdate();
        assertThrows(IndexOutOfBoundsException.class, () -> region.stageLong(region.capacity() - 4, 1));
        assertThrows(IllegalStateException.class, region::beginUpdate);
    }

    @Test
    void shouldRoundCapacityUpToWholeFrames()
    {
        assertEquals(PAGE_SIZE, SharedRegionDescriptor.copyCapacityFor(1));
        assertEquals(1 + SharedRegionDescriptor.COPIES, SharedRegionDescriptor.framesFor(PAGE_SIZE));
    }

    @Test
    void shouldAlternateCopiesByVersionParity()
    {
        assertEquals(0, SharedRegionDescriptor.copyIndex(2));
        assertEquals(1, SharedRegionDescriptor.copyIndex(3));
    }

    private void publishPair(final long value)
    {
        region.beginUpdate();
        region.stageLong(0, value);
        region.stageLong(SIZE_OF_LONG, value);
        region.publish();
    }

    private void assertPairReads(final long first, final long second)
    {
        final long version = readerA.beginRead();
        assertEquals(first, readerA.readLong(0), "first value of version " + version);
        assertEquals(second, readerA.readLong(SIZE_OF_LONG), "second value of version " + version);
        assertTrue(readerA.validate());
    }
}
