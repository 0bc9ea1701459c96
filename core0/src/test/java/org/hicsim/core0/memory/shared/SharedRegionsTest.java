package org.hicsim.core0.memory.shared;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SandboxTerminatedException;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.audit.AuditRecord;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.memory.PageKind;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.spi.ResultRange;
import org.hicsim.core0.spi.SharedRegionDescriptor;
import org.hicsim.core0.spi.SharedRegionReader;
import org.hicsim.core0.spi.Status;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared regions through the system calls: a capability maps a region read-only, reads are checked loads, a store
 * through the mapping and a load after the capability went are faults that say so.
 */
class SharedRegionsTest
{
    private static final int SNAPSHOT_BYTES = 64;
    private static final long SANDBOX_BYTES = 4 * PAGE_SIZE;
    /** Where readers map regions: above their own memory. */
    private static final long REGION_ADDRESS = Sandbox.MEMORY_BASE + (1L << 24);
    private static final long VALUE = 0x0123_4567_89AB_CDEFL;

    private final List<String> trace = new ArrayList<>();
    private final Kernel kernel = new Kernel(KernelConfig.withSeed(3), trace::add);
    private final SharedRegions shared = kernel.sharedRegions();
    private final int reader = started("reader");
    private final SystemCalls readerCalls = kernel.systemCalls(reader);

    @Test
    void shouldMapRegionReadOnlyAndReadItThroughCheckedLoads()
    {
        final int region = core0Region(VALUE);
        final long handle = shared.grantReader(region, reader);

        assertEquals(Status.OK, readerCalls.mapSharedRegion(handle, REGION_ADDRESS));

        final PageTable table = kernel.sandboxes().get(reader).pageTable();
        final int pages = SharedRegionDescriptor.framesFor(SNAPSHOT_BYTES);
        for (int i = 0; i < pages; i++)
        {
            final long entry = table.entry((REGION_ADDRESS >>> PageTable.PAGE_SHIFT) + i);
            assertEquals(PagePermissions.READ, PageTableEntryDescriptor.permissions(entry));
            assertEquals(PageKind.SHARED, PageTableEntryDescriptor.kind(entry));
            assertEquals(shared.region(region).firstFrame() + i, PageTableEntryDescriptor.frameNumber(entry));
        }
        final SharedRegionReader view = new SharedRegionReader(readerCalls, REGION_ADDRESS);
        assertEquals(1, view.beginRead());
        assertEquals(VALUE, view.readLong(0));
        assertTrue(view.validate());
        assertEquals(List.of(), kernel.checkInvariants());
    }

    @Test
    void shouldKillReaderThatStoresThroughTheMappingAndSaySo()
    {
        final int region = core0Region(VALUE);
        readerCalls.mapSharedRegion(shared.grantReader(region, reader), REGION_ADDRESS);
        final long snapshot = REGION_ADDRESS + SharedRegionDescriptor.HEADER_LENGTH;

        final SandboxTerminatedException killed =
            assertThrows(SandboxTerminatedException.class, () -> readerCalls.storeLong(snapshot, 0));

        final SharedRegionError expected = SharedRegionError.WRITE_FAULT;
        assertTrue(killed.getMessage().contains("shared=WRITE_FAULT(" + expected.code() + ")"), killed::getMessage);
        assertEquals(ResultRange.SHARED, ResultRange.of(expected.code()));
        assertTrue(trace.stream().anyMatch(line -> line.contains(" shared.fault sandbox=" + reader)
            && line.contains("reason=WRITE_FAULT code=" + expected.code())), trace::toString);
        assertEquals(1, audit("shared.fault").size());
        final int second = started("second");
        kernel.systemCalls(second).mapSharedRegion(shared.grantReader(region, second), REGION_ADDRESS);
        final SharedRegionReader view = new SharedRegionReader(kernel.systemCalls(second), REGION_ADDRESS);
        view.beginRead();
        assertEquals(VALUE, view.readLong(0), "the store changed nothing");
    }

    @Test
    void shouldFaultNextReadOnceAnAncestorRevokesTheCapability()
    {
        final int region = core0Region(VALUE);
        final long parent = kernel.capabilities().issue(CapabilitySystem.CORE0, reader, ObjectKind.SHARED_REGION,
            region, Rights.READ | Rights.DERIVE | Rights.REVOKE, 0);
        final long child = readerCalls.copy(parent, Rights.READ);
        assertEquals(Status.OK, readerCalls.mapSharedRegion(child, REGION_ADDRESS));
        final SharedRegionReader view = new SharedRegionReader(readerCalls, REGION_ADDRESS);
        view.beginRead();
        assertEquals(VALUE, view.readLong(0));

        assertEquals(1, readerCalls.revoke(parent));

        assertEquals(PageTableEntryDescriptor.NO_ENTRY,
            kernel.sandboxes().get(reader).pageTable().entry(REGION_ADDRESS >>> PageTable.PAGE_SHIFT));
        assertEquals(List.of(), kernel.checkInvariants());
        final SandboxTerminatedException killed =
            assertThrows(SandboxTerminatedException.class, view::beginRead);
        assertTrue(killed.getMessage().contains("shared=READ_AFTER_REVOKE("
            + SharedRegionError.READ_AFTER_REVOKE.code() + ")"), killed::getMessage);
        assertTrue(trace.stream().anyMatch(line -> line.contains(" shared.unmap sandbox=" + reader)
            && line.contains("reason=capability-removed")), trace::toString);
    }

    @Test
    void shouldUnmapEveryHolderWhenCore0RevokesTheRegionsCapabilities()
    {
        final int region = core0Region(VALUE);
        final int second = started("second");
        readerCalls.mapSharedRegion(shared.grantReader(region, reader), REGION_ADDRESS);
        kernel.systemCalls(second).mapSharedRegion(shared.grantReader(region, second), REGION_ADDRESS);

        assertEquals(2, kernel.capabilities().revokeObject(ObjectKind.SHARED_REGION, region));

        assertThrows(SandboxTerminatedException.class, () -> readerCalls.loadLong(REGION_ADDRESS));
        assertThrows(SandboxTerminatedException.class, () -> kernel.systemCalls(second).loadLong(REGION_ADDRESS));
        assertEquals(2, audit("shared.fault").size());
    }

    @Test
    void shouldUnmapWhenTheHolderDeletesItsCapability()
    {
        final long handle = shared.grantReader(core0Region(VALUE), reader);
        readerCalls.mapSharedRegion(handle, REGION_ADDRESS);

        assertEquals(0, readerCalls.delete(handle));

        assertEquals(PageTableEntryDescriptor.NO_ENTRY,
            kernel.sandboxes().get(reader).pageTable().entry(REGION_ADDRESS >>> PageTable.PAGE_SHIFT));
        assertEquals(CapError.STALE_HANDLE.code(), readerCalls.mapSharedRegion(handle, REGION_ADDRESS));
    }

    @Test
    void shouldRefuseToMapForASandboxWithoutTheCapability()
    {
        final long handle = shared.grantReader(core0Region(VALUE), reader);
        final int stranger = started("stranger");
        final SystemCalls strangerCalls = kernel.systemCalls(stranger);

        assertEquals(CapError.WRONG_SANDBOX.code(), strangerCalls.mapSharedRegion(handle, REGION_ADDRESS));
        assertEquals(CapError.INVALID_HANDLE.code(), strangerCalls.mapSharedRegion(12_345L, REGION_ADDRESS));
        final long endpointLike = kernel.capabilities().issue(
            CapabilitySystem.CORE0, stranger, ObjectKind.DEBUG_LOG, 1, Rights.READ, 0);
        assertEquals(CapError.WRONG_KIND.code(), strangerCalls.mapSharedRegion(endpointLike, REGION_ADDRESS));
        assertEquals(PageTableEntryDescriptor.NO_ENTRY,
            kernel.sandboxes().get(stranger).pageTable().entry(REGION_ADDRESS >>> PageTable.PAGE_SHIFT));
    }

    @Test
    void shouldRefuseASecondMappingAndAddressesInUseOrUnaligned()
    {
        final long handle = shared.grantReader(core0Region(VALUE), reader);

        assertEquals(SharedRegionError.INVALID_ADDRESS.code(), readerCalls.mapSharedRegion(handle, REGION_ADDRESS + 8));
        assertEquals(SharedRegionError.ADDRESS_IN_USE.code(), readerCalls.mapSharedRegion(handle, Sandbox.MEMORY_BASE));
        assertEquals(Status.OK, readerCalls.mapSharedRegion(handle, REGION_ADDRESS));
        assertEquals(SharedRegionError.ALREADY_MAPPED.code(),
            readerCalls.mapSharedRegion(handle, REGION_ADDRESS + (1L << 20)));
        assertEquals(3, audit("shared.refused").size());
    }

    @Test
    void shouldLetTheWriterSandboxPublishWholeVersionsThroughCore0()
    {
        final int writer = started("writer");
        final SystemCalls writerCalls = kernel.systemCalls(writer);
        final long writerHandle = writerCalls.createSharedRegion(SNAPSHOT_BYTES);
        assertTrue(writerHandle > 0, () -> "handle=" + writerHandle);
        final int[] regions = shared.regionsWrittenBy(writer);
        assertEquals(1, regions.length);
        assertEquals(writer, shared.writerOf(regions[0]));
        final byte[] stats = {1, 2, 3, 4, 5, 6, 7, 8};

        assertEquals(Status.OK, writerCalls.publishSharedRegion(writerHandle, stats, 0, stats.length));

        final long readerHandle = shared.grantReader(regions[0], reader);
        readerCalls.mapSharedRegion(readerHandle, REGION_ADDRESS);
        final SharedRegionReader view = new SharedRegionReader(readerCalls, REGION_ADDRESS);
        final byte[] seen = new byte[stats.length];
        assertEquals(1, view.read(from -> from.readBytes(0, seen, 0, seen.length)));
        assertArrayEquals(stats, seen);
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), readerCalls.publishSharedRegion(readerHandle, stats, 0, 8));
        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(), writerCalls.transfer(writerHandle, reader));
        assertEquals(SharedRegionError.INVALID_LENGTH.code(),
            writerCalls.publishSharedRegion(writerHandle, new byte[PAGE_SIZE + 1], 0, PAGE_SIZE + 1));
    }

    @Test
    void shouldKillTheWriterToWhenItStoresThroughItsOwnMapping()
    {
        final int writer = started("writer");
        final SystemCalls writerCalls = kernel.systemCalls(writer);
        final long handle = writerCalls.createSharedRegion(SNAPSHOT_BYTES);
        assertEquals(Status.OK, writerCalls.mapSharedRegion(handle, REGION_ADDRESS));

        assertThrows(SandboxTerminatedException.class,
            () -> writerCalls.storeLong(REGION_ADDRESS + SharedRegionDescriptor.HEADER_LENGTH, 1));
        assertFalse(kernel.sandboxes().get(writer).isAlive());
    }

    @Test
    void shouldKeepARegionReadableFrozenAfterItsWriterDies()
    {
        final int writer = started("writer");
        final SystemCalls writerCalls = kernel.systemCalls(writer);
        final long writerHandle = writerCalls.createSharedRegion(SNAPSHOT_BYTES);
        final int region = shared.regionsWrittenBy(writer)[0];
        writerCalls.publishSharedRegion(writerHandle, new byte[] {42}, 0, 1);
        readerCalls.mapSharedRegion(shared.grantReader(region, reader), REGION_ADDRESS);

        kernel.sandboxes().kill(writer, "crash");

        assertEquals(SharedRegions.WRITER_GONE, shared.writerOf(region));
        assertEquals(0, shared.regionsWrittenBy(writer).length);
        final SharedRegionReader view = new SharedRegionReader(readerCalls, REGION_ADDRESS);
        final byte[] seen = new byte[1];
        view.read(from -> from.readBytes(0, seen, 0, 1));
        assertEquals(42, seen[0]);
        assertEquals(List.of(), kernel.checkInvariants());
    }

    @Test
    void shouldRefuseMoreRegionsPerWriterThanTheLimitAndEmptyOnes()
    {
        final SystemCalls writerCalls = kernel.systemCalls(started("writer"));
        for (int i = 0; i < SharedRegions.REGIONS_PER_WRITER_MAX; i++)
        {
            assertTrue(writerCalls.createSharedRegion(SNAPSHOT_BYTES) > 0);
        }
        assertEquals(SharedRegionError.TOO_MANY_REGIONS.code(), writerCalls.createSharedRegion(SNAPSHOT_BYTES));
        assertEquals(SharedRegionError.INVALID_LENGTH.code(), readerCalls.createSharedRegion(0));
        assertEquals(SharedRegionError.INVALID_LENGTH.code(),
            readerCalls.createSharedRegion(SharedRegions.SNAPSHOT_BYTES_MAX + 1));
    }

    @Test
    void shouldForgetAMappingWithItsSandbox()
    {
        readerCalls.mapSharedRegion(shared.grantReader(core0Region(VALUE), reader), REGION_ADDRESS);

        kernel.sandboxes().destroy(reader);

        final int[] mappings = {0};
        shared.forEachMapping((regionId, sandboxId, handle, firstPage, firstFrame, frameCount) -> mappings[0]++);
        assertEquals(0, mappings[0]);
        assertEquals(List.of(), kernel.checkInvariants());
    }

    private int started(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, SANDBOX_BYTES, 10));
        kernel.sandboxes().start(id);
        return id;
    }

    /** A region Core-0 writes, with {@code value} published at offset 0. */
    private int core0Region(final long value)
    {
        final int region = shared.create("test", SNAPSHOT_BYTES);
        final SharedRegion bytes = shared.region(region);
        bytes.beginUpdate();
        bytes.stageLong(0, value);
        bytes.publish();
        return region;
    }

    private List<AuditRecord> audit(final String kind)
    {
        return kernel.audit().records().stream().filter(record -> record.kind().equals(kind)).toList();
    }
}
