package org.hicsim.core0.cap;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.Trace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.cap.CapabilitySystem.CORE0;
import static org.hicsim.core0.cap.CapabilitySystem.NO_BADGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapabilitySpaceLifecycleTest
{
    private static final int A = 1;
    private static final int B = 2;
    private static final ObjectKind KIND = ObjectKind.SERVICE_ENDPOINT;

    private final RecordingAudit audit = new RecordingAudit();
    private CapabilitySystem system;

    @BeforeEach
    void setUp()
    {
        system = new CapabilitySystem(8, new SplittableRandom(3), audit);
        system.createSpace(A);
        system.createSpace(B);
    }

    @Test
    void shouldGiveCore0ASpaceFromTheStart()
    {
        assertTrue(system.hasSpace(CORE0));
    }

    @Test
    void shouldRefuseCreatingASpaceTwice()
    {
        assertThrows(IllegalStateException.class, () -> system.createSpace(A));
    }

    @Test
    void shouldRefuseDestroyingCore0sSpace()
    {
        assertThrows(IllegalArgumentException.class, () -> system.destroySpace(CORE0));
    }

    @Test
    void shouldTakeMemoryOnlyForTheSlotsASpaceHasUsed()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        system.createSpace(3, CapLimits.SPACE_CAPACITY_MAX);
        system.issue(CORE0, 3, KIND, 1, Rights.CALL, CapFlags.NONE);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated < 4096, "a space allowed 2^24 capabilities took allocated=" + allocated);
    }

    @Test
    void shouldHoldAMillionCapabilitiesInASpaceAllowedThem()
    {
        final int count = 1_000_000;
        system.createSpace(3, count);
        final long[] handles = new long[count];
        for (int i = 0; i < count; i++)
        {
            handles[i] = system.issue(CORE0, 3, ObjectKind.MEMORY_REGION, i, Rights.READ, CapFlags.NONE);
        }
        assertEquals(CapError.TABLE_FULL.code(), system.issue(CORE0, 3, KIND, 0, Rights.READ, CapFlags.NONE));
        for (int i = 0; i < count; i += 997)
        {
            assertEquals(i, system.check(3, handles[i], ObjectKind.MEMORY_REGION, Rights.READ));
        }
        assertEquals(count, system.destroySpace(3));
    }

    @Test
    void shouldRefuseASpaceLargerThanTheHandleCanAddress()
    {
        assertThrows(IllegalArgumentException.class, () -> system.createSpace(3, CapLimits.SPACE_CAPACITY_MAX + 1));
    }

    @Test
    void shouldDeleteADeadSandboxsCapabilitiesAndEverythingDerivedFromThem()
    {
        final long root = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.IMMUTABLE);
        final long given = system.transferAttenuated(A, root, B, Rights.READ | Rights.DERIVE);
        final long copy = system.copy(B, given, Rights.READ);
        assertEquals(3, system.destroySpace(A));
        assertFalse(system.hasSpace(A));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(B, given, KIND, Rights.NONE));
        assertEquals(CapError.STALE_HANDLE.code(), system.check(B, copy, KIND, Rights.NONE));
    }

    @Test
    void shouldKeepWhatADeadSandboxWasGivenByOthers()
    {
        final long root = system.issue(CORE0, B, KIND, 1, Rights.ALL, CapFlags.NONE);
        system.transferAttenuated(B, root, A, Rights.READ);
        assertEquals(1, system.destroySpace(A));
        assertEquals(1, system.check(B, root, KIND, Rights.ALL));
        assertTrue(system.descendants(B, root).isEmpty());
    }

    @Test
    void shouldRefuseADestroyedSandboxsHandlesAsStale()
    {
        final long handle = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.NONE);
        system.destroySpace(A);
        assertEquals(CapError.STALE_HANDLE.code(), system.check(B, handle, KIND, Rights.NONE));
    }

    @Test
    void shouldNotLetARecreatedSandboxUseItsPredecessorsHandles()
    {
        final long handle = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.NONE);
        system.destroySpace(A);
        system.createSpace(A);
        system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.NONE);
        assertEquals(CapError.STALE_HANDLE.code(), system.check(A, handle, KIND, Rights.NONE));
    }

    @Test
    void shouldRevokeEveryCapabilityNamingADestroyedObject()
    {
        final long first = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.IMMUTABLE);
        final long second = system.issue(CORE0, B, KIND, 1, Rights.ALL, CapFlags.NONE);
        final long derived = system.transferAttenuated(A, first, B, Rights.READ);
        final long other = system.issue(CORE0, B, KIND, 2, Rights.ALL, CapFlags.NONE);
        final long otherKind = system.issue(CORE0, B, ObjectKind.IPC_ENDPOINT, 1, Rights.ALL, CapFlags.NONE);
        assertEquals(3, system.revokeObject(KIND, 1));
        assertTrue(system.check(A, first, KIND, Rights.NONE) < 0);
        assertTrue(system.check(B, second, KIND, Rights.NONE) < 0);
        assertTrue(system.check(B, derived, KIND, Rights.NONE) < 0);
        assertEquals(2, system.check(B, other, KIND, Rights.ALL));
        assertEquals(1, system.check(B, otherKind, ObjectKind.IPC_ENDPOINT, Rights.ALL));
    }

    @Test
    void shouldEnumerateASandboxsCapabilitiesInSlotOrder()
    {
        final long first = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.NONE);
        final long second = system.mint(A, first, Rights.READ, 5);
        assertEquals(List.of(
            new Capability(A, first, KIND, 1, Rights.ALL, CapFlags.NONE, NO_BADGE),
            new Capability(A, second, KIND, 1, Rights.READ, CapFlags.NONE, 5)), system.capabilities(A));
    }

    @Test
    void shouldListDescendantsInDerivationPreOrder()
    {
        final long root = system.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.NONE);
        final long left = system.mint(A, root, Rights.ALL, NO_BADGE);
        final long right = system.mint(A, root, Rights.ALL, NO_BADGE);
        final long leftChild = system.transferAttenuated(A, left, B, Rights.READ);
        final List<Long> order = system.descendants(A, root).stream().map(Capability::handle).toList();
        assertEquals(List.of(left, leftChild, right), order);
    }

    @Test
    void shouldHoldTenThousandSandboxesWithCapabilities()
    {
        final int sandboxes = 10_000;
        final CapabilitySystem large = new CapabilitySystem(sandboxes + 1, new SplittableRandom(5), audit);
        final long[] handles = new long[sandboxes + 1];
        for (int sandbox = 1; sandbox <= sandboxes; sandbox++)
        {
            large.createSpace(sandbox);
            handles[sandbox] = large.issue(CORE0, sandbox, KIND, sandbox, Rights.CALL, CapFlags.NONE);
        }
        for (int sandbox = 1; sandbox <= sandboxes; sandbox++)
        {
            assertEquals(sandbox, large.check(sandbox, handles[sandbox], KIND, Rights.CALL));
        }
        assertEquals(0, audit.size());
    }

    @Test
    void shouldTraceOneStableLinePerStateChange()
    {
        final List<String> lines = new ArrayList<>();
        final Simulation sim = new Simulation(1, lines::add);
        final CapabilitySystem traced = new CapabilitySystem(4, sim.splitRandom(), audit, sim.trace());
        traced.createSpace(A, 4);
        final long root = traced.issue(CORE0, A, KIND, 9, Rights.ALL, CapFlags.PINNED);
        final long child = traced.mint(A, root, Rights.READ | Rights.CALL, 3);
        traced.revoke(A, root);
        final String src = HandleDescriptor.toString(root);
        assertEquals(List.of(
            "t=0 sim.start seed=1",
            "t=0 cap.space.create sandbox=0 capacity=" + CapLimits.DEFAULT_SPACE_CAPACITY,
            "t=0 cap.space.create sandbox=1 capacity=4",
            "t=0 cap.issue sandbox=0 target=1 dst=" + src + " kind=SERVICE_ENDPOINT object=9 rights=RWXTDVC flags=--P",
            "t=0 cap.mint sandbox=1 src=" + src + " target=1 dst=" + HandleDescriptor.toString(child) +
                " rights=R-----C badge=3",
            "t=0 cap.revoke sandbox=1 handle=" + src + " deleted=1"), lines);
    }

    @Test
    void sameSeedGivesSameHandles()
    {
        assertEquals(issueOne(11), issueOne(11));
    }

    @Test
    void differentSeedGivesDifferentHandles()
    {
        assertNotEquals(issueOne(11), issueOne(12));
    }

    private long issueOne(final long seed)
    {
        final CapabilitySystem seeded = new CapabilitySystem(2, new SplittableRandom(seed), audit);
        seeded.createSpace(A);
        return seeded.issue(CORE0, A, KIND, 1, Rights.ALL, CapFlags.NONE);
    }
}
