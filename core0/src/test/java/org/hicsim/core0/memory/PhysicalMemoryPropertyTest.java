package org.hicsim.core0.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.hicsim.core0.memory.PhysicalMemory.CORE0_OWNER;
import static org.hicsim.core0.memory.PhysicalMemory.FRAME_SIZE;
import static org.hicsim.core0.memory.PhysicalMemory.NOT_OWNED;
import static org.hicsim.core0.memory.PhysicalMemory.NO_CONTIGUOUS_RANGE;
import static org.hicsim.core0.memory.PhysicalMemory.NO_OWNER;
import static org.hicsim.core0.memory.PhysicalMemory.QUOTA_EXCEEDED;
import static org.hicsim.core0.memory.PhysicalMemory.UNLIMITED;
import static org.hicsim.core0.memory.PhysicalMemory.frameAddress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs random sequences of allocations, frees, transfers and sandbox deaths against a simple model of who
 * holds which range, and checks the allocator against the model after every step.
 */
class PhysicalMemoryPropertyTest
{
    private static final int OWNERS = 4;
    private static final int TOTAL_FRAMES = PhysicalMemory.FRAMES_PER_CHUNK / 2 + 3;
    private static final int[] QUOTAS = { UNLIMITED, 40, 120, UNLIMITED };
    private static final long PATTERN = 0x5A5A5A5A5A5A5A5AL;

    enum Kind
    {
        ALLOCATE, FREE, TRANSFER, RELEASE_ALL
    }

    record Operation(Kind kind, int owner, int count, int pick)
    {
    }

    record Allocation(int first, int count, int owner, FrameType type)
    {
    }

    @Property(tries = 300)
    void shouldKeepEveryFrameAccountedFor(@ForAll("operations") final List<Operation> operations)
    {
        final PhysicalMemory memory = new PhysicalMemory((long)TOTAL_FRAMES * FRAME_SIZE);
        for (int owner = 0; owner < OWNERS; owner++)
        {
            memory.setQuota(owner, QUOTAS[owner]);
        }
        final List<Allocation> model = new ArrayList<>();
        for (final Operation operation : operations)
        {
            switch (operation.kind())
            {
                case ALLOCATE -> allocate(memory, model, operation);
                case FREE -> free(memory, model, operation);
                case TRANSFER -> transfer(memory, model, operation);
                case RELEASE_ALL -> releaseAll(memory, model, operation.owner());
            }
            checkAgainstModel(memory, model);
        }
    }

    @Provide
    Arbitrary<List<Operation>> operations()
    {
        final Arbitrary<Kind> kinds = Arbitraries.frequency(
            Tuple.of(6, Kind.ALLOCATE), Tuple.of(3, Kind.FREE), Tuple.of(2, Kind.TRANSFER),
            Tuple.of(1, Kind.RELEASE_ALL));
        return Combinators.combine(
            kinds,
            Arbitraries.integers().between(0, OWNERS - 1),
            Arbitraries.integers().between(1, TOTAL_FRAMES / 4),
            Arbitraries.integers().between(0, 1 << 16))
            .as(Operation::new)
            .list().ofMaxSize(60);
    }

    private static void allocate(final PhysicalMemory memory, final List<Allocation> model, final Operation op)
    {
        final FrameType type = op.owner() == CORE0_OWNER ?
            (op.pick() % 2 == 0 ? FrameType.SHARED : FrameType.CORE) : FrameType.PRIVILEGED;
        final int alignment = 1 << (op.pick() % 4);
        final int first = memory.allocateContiguous(op.count(), op.owner(), type, alignment);
        if (first >= 0)
        {
            assertEquals(0, first % alignment);
            for (int frame = first; frame < first + op.count(); frame++)
            {
                assertEquals(0, memory.getLong(frameAddress(frame)), "fresh frame must read zero");
                assertEquals(0, memory.getLong(frameAddress(frame + 1) - SIZE_OF_LONG), "fresh frame must read zero");
                memory.putLong(frameAddress(frame), PATTERN);
                memory.putLong(frameAddress(frame + 1) - SIZE_OF_LONG, PATTERN);
            }
            model.add(new Allocation(first, op.count(), op.owner(), type));
        }
        else if ((long)held(model, op.owner()) + op.count() > QUOTAS[op.owner()])
        {
            assertEquals(QUOTA_EXCEEDED, first);
        }
        else
        {
            assertEquals(NO_CONTIGUOUS_RANGE, first);
            assertTrue(longestAlignedFreeRun(model, alignment) < op.count(), "a free range was there");
        }
    }

    private static void free(final PhysicalMemory memory, final List<Allocation> model, final Operation op)
    {
        if (model.isEmpty())
        {
            return;
        }
        final Allocation victim = model.get(op.pick() % model.size());
        final int result = memory.free(victim.first(), victim.count(), op.owner());
        if (victim.owner() == op.owner())
        {
            assertEquals(victim.count(), result);
            model.remove(victim);
        }
        else
        {
            assertEquals(NOT_OWNED, result);
        }
    }

    private static void transfer(final PhysicalMemory memory, final List<Allocation> model, final Operation op)
    {
        if (model.isEmpty())
        {
            return;
        }
        final Allocation moved = model.get(op.pick() % model.size());
        if (moved.type() == FrameType.SHARED && op.owner() != CORE0_OWNER)
        {
            return;
        }
        final int result = memory.transfer(moved.first(), moved.count(), moved.owner(), op.owner());
        if (moved.owner() != op.owner() && (long)held(model, op.owner()) + moved.count() > QUOTAS[op.owner()])
        {
            assertEquals(QUOTA_EXCEEDED, result);
        }
        else
        {
            assertEquals(moved.count(), result);
            model.set(model.indexOf(moved), new Allocation(moved.first(), moved.count(), op.owner(), moved.type()));
        }
    }

    private static void releaseAll(final PhysicalMemory memory, final List<Allocation> model, final int owner)
    {
        assertEquals(held(model, owner), memory.releaseAllOwnedBy(owner));
        model.removeIf(allocation -> allocation.owner() == owner);
    }

    private static void checkAgainstModel(final PhysicalMemory memory, final List<Allocation> model)
    {
        final int[] owners = new int[TOTAL_FRAMES];
        final FrameType[] types = new FrameType[TOTAL_FRAMES];
        Arrays.fill(owners, NO_OWNER);
        Arrays.fill(types, FrameType.FREE);
        for (final Allocation allocation : model)
        {
            for (int frame = allocation.first(); frame < allocation.first() + allocation.count(); frame++)
            {
                assertEquals(NO_OWNER, owners[frame], "frame " + frame + " handed out twice");
                owners[frame] = allocation.owner();
                types[frame] = allocation.type();
            }
        }
        int free = 0;
        for (int frame = 0; frame < TOTAL_FRAMES; frame++)
        {
            assertEquals(owners[frame], memory.ownerOf(frame), "owner of frame " + frame);
            assertEquals(types[frame], memory.frameType(frame), "type of frame " + frame);
            free += owners[frame] == NO_OWNER ? 1 : 0;
        }
        long owned = 0;
        for (int owner = 0; owner < OWNERS; owner++)
        {
            assertEquals(held(model, owner), memory.framesOwnedBy(owner), "frames of owner " + owner);
            owned += memory.framesOwnedBy(owner);
        }
        assertEquals(free, memory.freeFrames());
        assertEquals(TOTAL_FRAMES, memory.freeFrames() + owned);
    }

    private static int held(final List<Allocation> model, final int owner)
    {
        return model.stream().filter(a -> a.owner() == owner).mapToInt(Allocation::count).sum();
    }

    private static int longestAlignedFreeRun(final List<Allocation> model, final int alignment)
    {
        final boolean[] used = new boolean[TOTAL_FRAMES];
        model.forEach(a -> Arrays.fill(used, a.first(), a.first() + a.count(), true));
        int longest = 0;
        for (int start = 0; start < TOTAL_FRAMES; start += alignment)
        {
            int length = 0;
            while (start + length < TOTAL_FRAMES && !used[start + length])
            {
                length++;
            }
            longest = Math.max(longest, length);
        }
        return longest;
    }
}
