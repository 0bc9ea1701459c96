package org.hicsim.core0.memory.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SandboxTerminatedException;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.SharedRegionDescriptor;

import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random programs of grants, mappings, copies, revokes, deletes, stores into mappings, publications and sandbox
 * deaths over shared regions. After every step the kernel's invariants hold, and, checked here from the page
 * tables alone: the frames of shared regions are the only frames mapped in two sandboxes, never writable, and a
 * sandbox maps a region's pages only while it holds a capability to that region.
 */
class SharedRegionsPropertiesTest
{
    private static final int SANDBOXES = 4;
    private static final int REGIONS = 2;
    private static final long SANDBOX_BYTES = 2 * PAGE_SIZE;
    private static final int SNAPSHOT_BYTES = 16;
    /** Two places a sandbox may map a region, one per region slot it can have at once. */
    private static final long[] ADDRESSES = {Sandbox.MEMORY_BASE + (1L << 24), Sandbox.MEMORY_BASE + (1L << 25)};
    private static final int OPERATIONS = 8;

    @Property(tries = 200)
    void shouldMapSharedFramesOnlyReadOnlyAndOnlyWhileHeld(
        @ForAll @Size(min = 1, max = 60) final List<@IntRange(min = 0, max = 4095) Integer> steps)
    {
        final Kernel kernel = new Kernel(KernelConfig.withSeed(steps.size()), TraceSink.NONE);
        final SharedRegions shared = kernel.sharedRegions();
        final int[] sandboxes = new int[SANDBOXES];
        for (int i = 0; i < SANDBOXES; i++)
        {
            sandboxes[i] = started(kernel, "s" + i);
        }
        final int[] regions = new int[REGIONS];
        for (int i = 0; i < REGIONS; i++)
        {
            regions[i] = shared.create("r" + i, SNAPSHOT_BYTES);
        }
        int generation = 0;
        for (final int step : steps)
        {
            final int operation = step % OPERATIONS;
            final int slot = (step / OPERATIONS) % SANDBOXES;
            final int regionSlot = (step / (OPERATIONS * SANDBOXES)) % REGIONS;
            final int sandbox = sandboxes[slot];
            final int region = regions[regionSlot];
            final SystemCalls calls = kernel.systemCalls(sandbox);
            final long held = heldHandle(kernel, sandbox, region);
            switch (operation)
            {
                case 0 -> shared.grantReader(region, sandbox);
                case 1 -> calls.mapSharedRegion(held, ADDRESSES[regionSlot]);
                case 2 -> calls.delete(held);
                case 3 ->
                {
                    final long parent = kernel.capabilities().issue(CapabilitySystem.CORE0, sandbox,
                        ObjectKind.SHARED_REGION, region, Rights.READ | Rights.DERIVE | Rights.REVOKE, 0);
                    calls.mapSharedRegion(calls.copy(parent, Rights.READ), ADDRESSES[regionSlot]);
                    calls.revoke(parent);
                }
                case 4 ->
                {
                    try
                    {
                        calls.storeLong(ADDRESSES[regionSlot] + SharedRegionDescriptor.HEADER_LENGTH, step);
                    }
                    catch (final SandboxTerminatedException killed)
                    {
                        sandboxes[slot] = started(kernel, "s" + slot + "-" + ++generation);
                    }
                }
                case 5 -> publish(shared.region(region), step);
                case 6 ->
                {
                    kernel.sandboxes().kill(sandbox, "chosen");
                    sandboxes[slot] = started(kernel, "s" + slot + "-" + ++generation);
                }
                default -> kernel.capabilities().revokeObject(ObjectKind.SHARED_REGION, region);
            }
            assertEquals(List.of(), kernel.checkInvariants(), () -> "after step " + step);
            assertSharedFramesOnlyInTwoSandboxes(kernel);
            assertMappedOnlyWhileHeld(kernel, sandboxes, regions);
        }
    }

    private static void assertSharedFramesOnlyInTwoSandboxes(final Kernel kernel)
    {
        final TreeMap<Integer, List<Integer>> mappersByFrame = new TreeMap<>();
        for (int id = 1; id <= kernel.sandboxes().highestIdUsed(); id++)
        {
            final Sandbox sandbox = kernel.sandboxes().live(id);
            if (sandbox == null)
            {
                continue;
            }
            final int mapper = id;
            sandbox.pageTable().forEachMapping((page, entry) ->
            {
                final int frame = PageTableEntryDescriptor.frameNumber(entry);
                mappersByFrame.computeIfAbsent(frame, f -> new ArrayList<>()).add(mapper);
                if (kernel.memory().frameType(frame) == FrameType.SHARED)
                {
                    assertEquals(1, PageTableEntryDescriptor.permissions(entry), "shared frames are read-only");
                }
            });
        }
        mappersByFrame.forEach((frame, mappers) ->
        {
            if (mappers.stream().distinct().count() > 1)
            {
                assertEquals(FrameType.SHARED, kernel.memory().frameType(frame), "frame=" + frame + " " + mappers);
            }
        });
    }

    private static void assertMappedOnlyWhileHeld(final Kernel kernel, final int[] sandboxes, final int[] regions)
    {
        for (final int sandbox : sandboxes)
        {
            for (int r = 0; r < REGIONS; r++)
            {
                final long entry = kernel.sandboxes().get(sandbox).pageTable()
                    .entry(ADDRESSES[r] >>> org.hicsim.core0.memory.PageTable.PAGE_SHIFT);
                if (entry != PageTableEntryDescriptor.NO_ENTRY)
                {
                    assertTrue(heldHandle(kernel, sandbox, regions[r]) != 0,
                        () -> "sandbox=" + sandbox + " maps a region it holds no capability to");
                }
            }
        }
    }

    /** A handle of the sandbox's to the region, or 0. */
    private static long heldHandle(final Kernel kernel, final int sandbox, final int region)
    {
        return kernel.capabilities().capabilities(sandbox).stream()
            .filter(cap -> cap.kind() == ObjectKind.SHARED_REGION && cap.objectId() == region)
            .mapToLong(cap -> cap.handle()).findFirst().orElse(0);
    }

    private static void publish(final SharedRegion region, final long value)
    {
        region.beginUpdate();
        region.stageLong(0, value);
        region.publish();
    }

    private static int started(final Kernel kernel, final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, SANDBOX_BYTES, 10));
        kernel.sandboxes().start(id);
        return id;
    }
}
