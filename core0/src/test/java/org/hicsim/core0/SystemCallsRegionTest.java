package org.hicsim.core0;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.Capability;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PageKind;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.region.MemoryRegions;
import org.hicsim.core0.region.RegionError;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sandbox.SandboxState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemCallsRegionTest
{
    private static final int SANDBOX_PAGES = 16;
    private static final int REGION_PAGES = 4;
    private static final long REGION_VA = Sandbox.MEMORY_BASE + 4L * PageTable.PAGE_SIZE;
    /** Far above every sandbox's own memory: where a receiver maps what it is given. */
    private static final long MAP_VA = 0x4000_0000L;

    private final List<String> traceLines = new ArrayList<>();
    private final Kernel kernel = new Kernel(KernelConfig.withSeed(17).withMemoryBytes(1 << 22), traceLines::add);
    private final PhysicalMemory memory = kernel.memory();
    private final int giverId = sandbox("giver");
    private final int takerId = sandbox("taker");
    private final SystemCalls giver = kernel.systemCalls(giverId);
    private final SystemCalls taker = kernel.systemCalls(takerId);

    private int sandbox(final String name)
    {
        final int id = kernel.sandboxes().create(
            SandboxSpec.privileged(name, (long)SANDBOX_PAGES * PageTable.PAGE_SIZE, 10));
        kernel.sandboxes().start(id);
        return id;
    }

    private PageTable pageTable(final int sandboxId)
    {
        return kernel.sandboxes().get(sandboxId).pageTable();
    }

    private int frameAt(final int sandboxId, final long virtualAddress)
    {
        return PageTableEntryDescriptor.frameNumber(pageTable(sandboxId).entry(virtualAddress >>> PageTable.PAGE_SHIFT));
    }

    private static byte[] pattern(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + 7);
        }
        return bytes;
    }

    private long regionGivenToTaker()
    {
        return giver.transfer(giver.createRegion(REGION_VA, REGION_PAGES), takerId);
    }

    @Test
    void shouldLetTheTakerReadWhatTheGiverWroteInTheSameFrames()
    {
        final byte[] written = pattern(REGION_PAGES * PageTable.PAGE_SIZE);
        giver.storeBytes(REGION_VA, written, 0, written.length);
        final int firstFrame = frameAt(giverId, REGION_VA);

        final long handle = regionGivenToTaker();
        assertEquals(SystemCalls.OK, taker.mapRegion(handle, MAP_VA));

        final byte[] read = new byte[written.length];
        taker.loadBytes(MAP_VA, read, 0, read.length);
        assertArrayEquals(written, read);
        for (int page = 0; page < REGION_PAGES; page++)
        {
            assertEquals(firstFrame + page, frameAt(takerId, MAP_VA + (long)page * PageTable.PAGE_SIZE));
        }
    }

    @Test
    void shouldLetTheTakerWriteTheRegionWithTheCapabilitysWriteRight()
    {
        final long handle = regionGivenToTaker();
        taker.mapRegion(handle, MAP_VA);

        taker.storeLong(MAP_VA, 42);

        assertEquals(42, taker.loadLong(MAP_VA));
        assertEquals(PagePermissions.READ_WRITE, PageTableEntryDescriptor.permissions(
            pageTable(takerId).entry(MAP_VA >>> PageTable.PAGE_SHIFT)));
    }

    @Test
    void shouldKillTheGiverWhenItTouchesPagesItGaveAway()
    {
        regionGivenToTaker();

        assertThrows(SandboxTerminatedException.class, () -> giver.loadByte(REGION_VA));
        assertEquals(SandboxState.TERMINATED, kernel.sandboxes().get(giverId).state());
        assertEquals(SandboxState.RUNNING, kernel.sandboxes().get(takerId).state());
    }

    @Test
    void shouldKeepTheGiversOtherPages()
    {
        giver.storeLong(Sandbox.MEMORY_BASE, 9);
        regionGivenToTaker();

        assertEquals(9, giver.loadLong(Sandbox.MEMORY_BASE));
        assertEquals(SANDBOX_PAGES - REGION_PAGES, pageTable(giverId).mappedPages());
    }

    @Test
    void shouldMoveTheFramesAndTheirQuotaToTheTaker()
    {
        final int firstFrame = frameAt(giverId, REGION_VA);

        regionGivenToTaker();

        assertEquals(SANDBOX_PAGES - REGION_PAGES, memory.framesOwnedBy(giverId));
        assertEquals(SANDBOX_PAGES - REGION_PAGES, memory.quotaOf(giverId));
        assertEquals(SANDBOX_PAGES + REGION_PAGES, memory.framesOwnedBy(takerId));
        assertEquals(SANDBOX_PAGES + REGION_PAGES, memory.quotaOf(takerId));
        for (int frame = firstFrame; frame < firstFrame + REGION_PAGES; frame++)
        {
            assertEquals(takerId, memory.ownerOf(frame));
        }
    }

    @Test
    void shouldMoveTheCapabilityWithTheRegion()
    {
        final long handle = regionGivenToTaker();

        final Capability held = kernel.capabilities().find(takerId, handle);
        assertEquals(ObjectKind.MEMORY_REGION, held.kind());
        assertEquals(MemoryRegions.REGION_RIGHTS, held.rights());
        assertEquals(takerId, kernel.regions().holderOf(held.objectId()));
        assertTrue(kernel.capabilities().capabilities(giverId).isEmpty());
    }

    @Test
    void shouldRefuseAnUnalignedAddressOrAnEmptyRange()
    {
        assertEquals(RegionError.INVALID_RANGE.code(), giver.createRegion(REGION_VA + 1, REGION_PAGES));
        assertEquals(RegionError.INVALID_RANGE.code(), giver.createRegion(REGION_VA, 0));
        assertEquals(RegionError.INVALID_RANGE.code(), giver.mapRegion(giver.createRegion(REGION_VA, 1), -1));
    }

    @Test
    void shouldRefusePagesThatAreNotMapped()
    {
        final long end = Sandbox.MEMORY_BASE + (long)SANDBOX_PAGES * PageTable.PAGE_SIZE;

        assertEquals(RegionError.NOT_MAPPED.code(), giver.createRegion(end - PageTable.PAGE_SIZE, 2));
    }

    @Test
    void shouldRefusePagesOverFramesTheCallerDoesNotOwn()
    {
        pageTable(giverId).map(MAP_VA >>> PageTable.PAGE_SHIFT, frameAt(takerId, Sandbox.MEMORY_BASE),
            PagePermissions.READ_WRITE, PageKind.DATA);

        assertEquals(RegionError.NOT_OWNED.code(), giver.createRegion(MAP_VA, 1));
    }

    @Test
    void shouldRefusePagesOverFramesThatAreNotConsecutive()
    {
        final long firstPage = MAP_VA >>> PageTable.PAGE_SHIFT;
        final int frame = frameAt(giverId, REGION_VA);
        pageTable(giverId).map(firstPage, frame + 1, PagePermissions.READ_WRITE, PageKind.DATA);
        pageTable(giverId).map(firstPage + 1, frame, PagePermissions.READ_WRITE, PageKind.DATA);

        assertEquals(RegionError.NOT_CONSECUTIVE.code(), giver.createRegion(MAP_VA, 2));
    }

    @Test
    void shouldRefuseFramesAlreadyInARegion()
    {
        giver.createRegion(REGION_VA, REGION_PAGES);

        assertEquals(RegionError.OVERLAP.code(), giver.createRegion(REGION_VA + PageTable.PAGE_SIZE, REGION_PAGES));
    }

    @Test
    void shouldRefuseToMapARegionItsHolderHasMappedAlready()
    {
        final long created = giver.createRegion(REGION_VA, REGION_PAGES);
        assertEquals(RegionError.ALREADY_MAPPED.code(), giver.mapRegion(created, MAP_VA));

        final long given = giver.transfer(created, takerId);
        taker.mapRegion(given, MAP_VA);
        assertEquals(RegionError.ALREADY_MAPPED.code(), taker.mapRegion(given, MAP_VA * 2));
    }

    @Test
    void shouldRefuseToMapOverPagesInUse()
    {
        final long handle = regionGivenToTaker();

        assertEquals(RegionError.ADDRESS_IN_USE.code(), taker.mapRegion(handle, Sandbox.MEMORY_BASE));
        assertEquals(SANDBOX_PAGES, pageTable(takerId).mappedPages());
    }

    @Test
    void shouldRefuseAForgedRegionHandle()
    {
        final long handle = giver.createRegion(REGION_VA, REGION_PAGES);
        final long forged = handle ^ 1L << 40;

        assertTrue(giver.transfer(forged, takerId) < 0);
        assertTrue(taker.mapRegion(handle, MAP_VA) < 0);
        assertEquals(giverId, memory.ownerOf(frameAt(giverId, REGION_VA)));
    }

    @Test
    void shouldRefuseATransferToADeadSandboxAndChangeNothing()
    {
        final long handle = giver.createRegion(REGION_VA, REGION_PAGES);
        giver.storeLong(REGION_VA, 5);
        kernel.sandboxes().kill(takerId, "crash");

        assertEquals(CapError.NO_SUCH_SANDBOX.code(), giver.transfer(handle, takerId));
        assertEquals(5, giver.loadLong(REGION_VA));
        assertEquals(SANDBOX_PAGES, memory.framesOwnedBy(giverId));
    }

    @Test
    void shouldRefuseATransferToATargetOverItsQuota()
    {
        final long handle = giver.createRegion(REGION_VA, REGION_PAGES);
        memory.setQuota(takerId, SANDBOX_PAGES - 1);

        assertEquals(RegionError.TARGET_OVER_QUOTA.code(), giver.transfer(handle, takerId));
        assertEquals(SANDBOX_PAGES, memory.framesOwnedBy(giverId));
    }

    @Test
    void shouldFreeTheRegionsFramesWithItsDeadHolder()
    {
        final int firstFrame = frameAt(giverId, REGION_VA);
        regionGivenToTaker();

        kernel.sandboxes().kill(takerId, "crash");

        assertEquals(0, kernel.regions().count());
        assertEquals(PhysicalMemory.NO_OWNER, memory.ownerOf(firstFrame));
        assertEquals(FrameType.FREE, memory.frameType(firstFrame));
    }

    @Test
    void shouldEndTheRegionButKeepItsPagesWhenItsCapabilityIsDeleted()
    {
        final long handle = giver.createRegion(REGION_VA, REGION_PAGES);
        giver.storeLong(REGION_VA, 3);

        assertEquals(0, giver.delete(handle));

        assertEquals(0, kernel.regions().count());
        assertEquals(3, giver.loadLong(REGION_VA));
        assertTrue(giver.createRegion(REGION_VA, REGION_PAGES) > 0);
    }

    @Test
    void shouldTraceEachCreateTransferAndMapInAStableFormat()
    {
        final int firstFrame = frameAt(giverId, REGION_VA);
        final long handle = regionGivenToTaker();
        taker.mapRegion(handle, MAP_VA);

        final List<String> regionLines = traceLines.stream().filter(line -> line.contains(" region.")).toList();
        assertEquals(3, regionLines.size());
        assertTrue(regionLines.get(0).contains("region.create sandbox=" + giverId + " region=1 va=0x" +
            Long.toHexString(REGION_VA) + " pages=" + REGION_PAGES + " firstFrame=" + firstFrame + " handle=0x"));
        assertTrue(regionLines.get(1).contains("region.transfer sandbox=" + giverId + " region=1 target=" + takerId +
            " firstFrame=" + firstFrame + " frames=" + REGION_PAGES + " dst=0x"));
        assertTrue(regionLines.get(2).contains("region.map sandbox=" + takerId + " region=1 va=0x" +
            Long.toHexString(MAP_VA) + " pages=" + REGION_PAGES + " permissions=rw-"));
    }
}
