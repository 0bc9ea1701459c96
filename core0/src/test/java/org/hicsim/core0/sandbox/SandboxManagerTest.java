package org.hicsim.core0.sandbox;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.memory.QuotaLevel;
import org.hicsim.core0.sim.TraceSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxManagerTest
{
    private static final long MIB = 1 << 20;

    private final Kernel kernel = new Kernel(KernelConfig.withSeed(1), TraceSink.NONE);
    private final SandboxManager sandboxes = kernel.sandboxes();

    @Test
    void shouldCreateReadySandboxWithContiguousMemoryAndEmptyCapabilitySpace()
    {
        final int id = sandboxes.create(SandboxSpec.privileged("netstack-v1.2.0", 64 * MIB, 20));
        final Sandbox sandbox = sandboxes.live(id);

        assertEquals(SandboxState.READY, sandbox.state());
        assertEquals(64 * MIB / PhysicalMemory.FRAME_SIZE, kernel.memory().framesOwnedBy(id));
        assertEquals(kernel.memory().framesOwnedBy(id), kernel.memory().quotaOf(id));
        assertEquals(QuotaLevel.CRITICAL, kernel.memory().quotaLevel(id));
        assertTrue(kernel.capabilities().capabilities(id).isEmpty());
        for (int frame = sandbox.firstFrame(); frame < sandbox.firstFrame() + sandbox.spec().frames(); frame++)
        {
            assertEquals(id, kernel.memory().ownerOf(frame));
        }
    }

    @Test
    void shouldCreateFromTemplateWithQuotaOverride()
    {
        final int old = sandboxes.create(SandboxSpec.privileged("netstack-v1.2.0", 32 * MIB, 20));
        final int fresh = sandboxes.createFromTemplate(old, "netstack-v1.3.0-temp", 64 * MIB, 30);

        final SandboxSpec spec = sandboxes.live(fresh).spec();
        assertEquals(SandboxType.PRIVILEGED, spec.type());
        assertEquals(64 * MIB, spec.memoryBytes());
        assertEquals(30, spec.cpuQuotaPercent());
        assertEquals(sandboxes.live(old).spec().capabilitySlots(), spec.capabilitySlots());
    }

    @Test
    void shouldMoveThroughLifecycleAndRefuseIllegalTransitions()
    {
        final int id = sandboxes.create(SandboxSpec.privileged("svc", MIB, 10));
        assertFalse(sandboxes.resume(id));
        assertTrue(sandboxes.start(id));
        assertTrue(sandboxes.suspend(id));
        assertFalse(sandboxes.suspend(id));
        assertTrue(sandboxes.resume(id));
        assertTrue(sandboxes.destroy(id));
        assertEquals(SandboxState.TERMINATED, sandboxes.get(id).state());
        assertFalse(sandboxes.start(id));
        assertNull(sandboxes.live(id));
    }

    @Test
    void shouldRefuseDuplicateNameAndMemoryExhaustionWithCodes()
    {
        final Kernel small = new Kernel(KernelConfig.withSeed(1).withMemoryBytes(8 * MIB), TraceSink.NONE);
        assertTrue(small.sandboxes().create(SandboxSpec.privileged("a", 6 * MIB, 10)) > 0);
        assertEquals(SandboxError.NAME_IN_USE.code(),
            small.sandboxes().create(SandboxSpec.privileged("a", MIB, 10)));
        assertEquals(SandboxError.NO_CONTIGUOUS_MEMORY.code(),
            small.sandboxes().create(SandboxSpec.privileged("b", 4 * MIB, 10)));
    }

    @Test
    void shouldReleaseZeroedFramesAndCapabilitiesWhenDestroyed()
    {
        final int id = sandboxes.create(SandboxSpec.privileged("svc", MIB, 10));
        final long handle = kernel.capabilities().issue(
            CapabilitySystem.CORE0, id, ObjectKind.DEBUG_LOG, 1, Rights.WRITE, 0);
        final int freeBefore = kernel.memory().freeFrames();

        sandboxes.destroy(id);

        assertEquals(freeBefore + MIB / PhysicalMemory.FRAME_SIZE, kernel.memory().freeFrames());
        assertEquals(0, kernel.memory().framesOwnedBy(id));
        assertTrue(kernel.capabilities().check(id, handle, ObjectKind.DEBUG_LOG, Rights.WRITE) < 0);
    }

    @Test
    void shouldNotHonourDeadSandboxsHandlesAfterItsIdIsReused()
    {
        final int first = sandboxes.create(SandboxSpec.privileged("first", MIB, 10));
        final long handle = kernel.capabilities().issue(
            CapabilitySystem.CORE0, first, ObjectKind.DEBUG_LOG, 1, Rights.WRITE, 0);
        sandboxes.destroy(first);
        final int second = sandboxes.create(SandboxSpec.privileged("second", MIB, 10));

        assertEquals(first, second);
        assertTrue(kernel.capabilities().check(second, handle, ObjectKind.DEBUG_LOG, Rights.WRITE) < 0);
    }

    @Test
    void shouldTellListenersWhenASandboxDies()
    {
        final List<String> deaths = new ArrayList<>();
        sandboxes.addListener((id, name, reason) -> deaths.add(name + ":" + reason));
        final int id = sandboxes.create(SandboxSpec.privileged("svc", MIB, 10));
        sandboxes.kill(id, "crash");
        assertEquals(List.of("svc:crash"), deaths);
    }

    @Test
    void shouldHoldTenThousandConcurrentSandboxes()
    {
        final int count = 10_000;
        for (int i = 0; i < count; i++)
        {
            final int id = sandboxes.create(SandboxSpec.privileged("svc-" + i, 4 * PhysicalMemory.FRAME_SIZE, 1));
            assertTrue(id > 0, () -> "create failed with " + SandboxError.of(id));
            assertTrue(sandboxes.start(id));
        }
        assertEquals(count, sandboxes.liveCount());
        assertTrue(count > KernelConfig.HIC_MIN_SANDBOXES);
    }
}
