package org.hicsim.core0;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.hicsim.core0.cap.Capability;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.region.MemoryRegions;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frame ownership under random sequences of region creates, transfers, maps, deletes and sandbox deaths: every
 * frame has exactly one owner, every region's frames are its holder's, no page table maps a frame its sandbox
 * does not own, and each sandbox's quota keeps matching what it holds.
 */
class SystemCallsRegionPropertiesTest
{
    private static final int SLOTS = 4;
    private static final int SANDBOX_PAGES = 8;
    private static final long MAP_BASE = 0x4000_0000L;
    /** Maps land anywhere in this many pages from {@link #MAP_BASE}, so some collide. */
    private static final int MAP_PAGES = 16;

    sealed interface Op
    {
    }

    record Create(int slot, int firstPage, int pageCount) implements Op
    {
    }

    record Transfer(int ref, int targetSlot) implements Op
    {
    }

    record Map(int ref, int page) implements Op
    {
    }

    record Delete(int ref) implements Op
    {
    }

    record Kill(int slot) implements Op
    {
    }

    /**
     * A handle some call returned, with the sandbox it was returned to; it may since have gone stale. Ops pick one
     * by counting back from the latest, so recent, mostly live, handles come up most.
     */
    record Held(SystemCalls holder, long handle)
    {
    }

    /** jqwik shares the test instance between tries, so each try's state lives in its own run. */
    private Kernel kernel;
    private SystemCalls[] slots;
    private List<Held> handles;
    private int sandboxesMade;

    @Property(tries = 300)
    void everyFrameHasOneOwnerAndEveryMappingIsItsSandboxs(@ForAll("operations") final List<Op> ops)
    {
        kernel = new Kernel(KernelConfig.withSeed(23).withMemoryBytes(1 << 20), TraceSink.NONE);
        slots = new SystemCalls[SLOTS];
        handles = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++)
        {
            slots[slot] = newSandbox();
        }
        for (final Op op : ops)
        {
            Statistics.collect(op.getClass().getSimpleName(), apply(op) >= 0);
            checkInvariants(op);
        }
    }

    private long apply(final Op op)
    {
        if (op instanceof Create create)
        {
            final SystemCalls caller = slots[create.slot()];
            final long handle = caller.createRegion(
                Sandbox.MEMORY_BASE + (long)create.firstPage() * PageTable.PAGE_SIZE, create.pageCount());
            return remember(caller, handle);
        }
        if (op instanceof Transfer transfer && !handles.isEmpty())
        {
            final Held held = recent(transfer.ref());
            final SystemCalls target = slots[transfer.targetSlot()];
            return remember(target, held.holder().transfer(held.handle(), target.sandboxId()));
        }
        if (op instanceof Map map && !handles.isEmpty())
        {
            final Held held = recent(map.ref());
            return held.holder().mapRegion(held.handle(), MAP_BASE + (long)map.page() * PageTable.PAGE_SIZE);
        }
        if (op instanceof Delete delete && !handles.isEmpty())
        {
            final Held held = recent(delete.ref());
            return held.holder().delete(held.handle());
        }
        if (op instanceof Kill kill)
        {
            kernel.sandboxes().kill(slots[kill.slot()].sandboxId(), "generated");
            slots[kill.slot()] = newSandbox();
            return 0;
        }
        return -1;
    }

    private void checkInvariants(final Op op)
    {
        final PhysicalMemory memory = kernel.memory();
        final Set<Integer> regionIds = new TreeSet<>();
        int framesOfLiveSandboxes = 0;
        for (final SystemCalls slot : slots)
        {
            final int id = slot.sandboxId();
            framesOfLiveSandboxes += memory.framesOwnedBy(id);
            assertEquals(memory.framesOwnedBy(id), memory.quotaOf(id), () -> "quota of sandbox=" + id + " after " + op);
            for (final Capability capability : kernel.capabilities().capabilities(id))
            {
                assertEquals(ObjectKind.MEMORY_REGION, capability.kind());
                assertTrue(regionIds.add(capability.objectId()), () -> "a second capability to a region after " + op);
                assertRegionHeldBy(id, capability.objectId(), op);
            }
            assertMappingsOwnedBy(id, Sandbox.MEMORY_BASE, SANDBOX_PAGES, op);
            assertMappingsOwnedBy(id, MAP_BASE, MAP_PAGES + SANDBOX_PAGES, op);
        }
        assertEquals(regionIds.size(), kernel.regions().count(), () -> "regions without a capability after " + op);
        assertEquals(memory.totalFrames(), framesOfLiveSandboxes + memory.freeFrames() +
            memory.framesOwnedBy(CapabilitySystem.CORE0), () -> "frames unaccounted for after " + op);
    }

    private void assertRegionHeldBy(final int sandboxId, final int regionId, final Op op)
    {
        final MemoryRegions regions = kernel.regions();
        assertEquals(sandboxId, regions.holderOf(regionId), () -> "holder of region=" + regionId + " after " + op);
        final int first = regions.firstFrame(regionId);
        for (int frame = first; frame < first + regions.frameCount(regionId); frame++)
        {
            assertEquals(sandboxId, kernel.memory().ownerOf(frame), () -> "owner of a region frame after " + op);
        }
    }

    private void assertMappingsOwnedBy(final int sandboxId, final long base, final int pages, final Op op)
    {
        final PageTable pageTable = kernel.sandboxes().get(sandboxId).pageTable();
        for (int page = 0; page < pages; page++)
        {
            final long entry = pageTable.entry((base >>> PageTable.PAGE_SHIFT) + page);
            if (entry != PageTableEntryDescriptor.NO_ENTRY)
            {
                final int frame = PageTableEntryDescriptor.frameNumber(entry);
                assertTrue(kernel.memory().ownerOf(frame) == sandboxId ||
                    kernel.memory().frameType(frame) == FrameType.SHARED,
                    () -> "sandbox=" + sandboxId + " maps frame=" + frame + " it does not own after " + op);
            }
        }
    }

    private Held recent(final int ref)
    {
        return handles.get(handles.size() - 1 - ref % handles.size());
    }

    private long remember(final SystemCalls holder, final long handle)
    {
        if (handle > 0)
        {
            handles.add(new Held(holder, handle));
        }
        return handle;
    }

    private SystemCalls newSandbox()
    {
        final String name = "sandbox-" + sandboxesMade++;
        final int id = kernel.sandboxes().create(
            SandboxSpec.privileged(name, (long)SANDBOX_PAGES * PageTable.PAGE_SIZE, 1));
        kernel.sandboxes().start(id);
        return kernel.systemCalls(id);
    }

    @Provide
    Arbitrary<List<Op>> operations()
    {
        final Arbitrary<Integer> slot = Arbitraries.integers().between(0, SLOTS - 1);
        final Arbitrary<Integer> ref = Arbitraries.integers().between(0, 3);
        final Arbitrary<Op> create = Combinators.combine(
            slot, Arbitraries.integers().between(0, SANDBOX_PAGES - 1), Arbitraries.integers().between(0, 4))
            .as(Create::new);
        final Arbitrary<Op> transfer = Combinators.combine(ref, slot).as(Transfer::new);
        final Arbitrary<Op> map = Combinators.combine(ref, Arbitraries.integers().between(0, MAP_PAGES - 1))
            .as(Map::new);
        final Arbitrary<Op> delete = ref.map(Delete::new);
        final Arbitrary<Op> kill = slot.map(Kill::new);
        return Arbitraries.frequencyOf(
            Tuple.of(4, create),
            Tuple.of(4, transfer),
            Tuple.of(3, map),
            Tuple.of(1, delete),
            Tuple.of(1, kill))
            .list().ofMaxSize(40);
    }
}
