package org.hicsim.core0;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sandbox.SandboxState;
import org.hicsim.core0.sim.TraceSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelFaultIsolationTest
{
    private static final long MIB = 1 << 20;

    private final Kernel kernel = new Kernel(KernelConfig.withSeed(3), TraceSink.NONE);

    private int startedSandbox(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, MIB, 10));
        kernel.sandboxes().start(id);
        return id;
    }

    @Test
    void shouldKillOnlyTheFaultingSandboxAndKeepOthersRunning()
    {
        final List<Integer> others = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            others.add(startedSandbox("good-" + i));
        }
        final int bad = startedSandbox("bad");
        final long badLog = kernel.capabilities().issue(CapabilitySystem.CORE0, bad, ObjectKind.DEBUG_LOG, 7, Rights.WRITE, 0);
        final SystemCalls badCalls = kernel.systemCalls(bad);
        badCalls.storeLong(Sandbox.MEMORY_BASE, 42);

        final SandboxTerminatedException ex =
            assertThrows(SandboxTerminatedException.class, () -> badCalls.loadLong(Sandbox.MEMORY_BASE + MIB));

        assertEquals(bad, ex.sandboxId());
        assertEquals(SandboxState.TERMINATED, kernel.sandboxes().get(bad).state());
        assertEquals(0, kernel.memory().framesOwnedBy(bad));
        assertTrue(kernel.capabilities().check(bad, badLog, ObjectKind.DEBUG_LOG, Rights.WRITE) < 0);
        assertTrue(kernel.audit().records().stream().anyMatch(r -> r.kind().equals("sandbox.kill") && r.sandboxId() == bad));
        for (final int id : others)
        {
            final SystemCalls calls = kernel.systemCalls(id);
            calls.storeLong(Sandbox.MEMORY_BASE + 8, id);
            assertEquals(id, calls.loadLong(Sandbox.MEMORY_BASE + 8));
            assertEquals(SandboxState.RUNNING, kernel.sandboxes().get(id).state());
        }
    }

    @Test
    void shouldFaultOnNullPageAccess()
    {
        final int id = startedSandbox("null-deref");
        assertThrows(SandboxTerminatedException.class, () -> kernel.systemCalls(id).loadLong(0));
    }

    @Test
    void shouldNotLetANewOwnerReadTheDeadSandboxsBytes()
    {
        final int first = startedSandbox("first");
        kernel.systemCalls(first).storeLong(Sandbox.MEMORY_BASE, 0x5EC2E7L);
        assertThrows(SandboxTerminatedException.class, () -> kernel.systemCalls(first).loadLong(Sandbox.MEMORY_BASE + 16 * MIB));
        final int second = startedSandbox("second");
        assertEquals(kernel.sandboxes().get(second).firstFrame(), kernel.sandboxes().get(first).firstFrame());
        assertEquals(0, kernel.systemCalls(second).loadLong(Sandbox.MEMORY_BASE));
        assertEquals(MIB / PhysicalMemory.FRAME_SIZE, kernel.memory().framesOwnedBy(second));
    }
}
