package org.hicsim.core0.invariant;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.memory.PageKind;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvariantsTest
{
    private static final long SEED = 42;
    private static final long FOREIGN_PAGE = 0x4000_0000L >>> 12;

    private final Kernel kernel =
        new Kernel(KernelConfig.withSeed(SEED).withMemoryBytes(16L << 20), TraceSink.NONE);
    private final Sandbox first = sandbox("first");
    private final Sandbox second = sandbox("second");

    private Sandbox sandbox(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, 8192, 10));
        kernel.sandboxes().start(id);
        return kernel.sandboxes().get(id);
    }

    /** What no system call can do: a frame of one sandbox mapped writable into another. */
    private void mapFirstFrameIntoSecond()
    {
        second.pageTable().map(FOREIGN_PAGE, first.firstFrame(), PagePermissions.READ_WRITE, PageKind.DATA);
    }

    @Test
    void shouldHoldForSandboxesCapabilitiesAndRegionsMadeThroughCore0()
    {
        final long handle = kernel.capabilities().issue(CapabilitySystem.CORE0, first.id(), ObjectKind.SANDBOX_CONTROL,
            second.id(), Rights.ALL, 0);
        kernel.capabilities().mint(first.id(), handle, Rights.READ | Rights.TRANSFER, 5);
        final long region = kernel.systemCalls(first.id()).createRegion(Sandbox.MEMORY_BASE, 1);
        kernel.systemCalls(first.id()).transfer(region, second.id());

        assertEquals(List.of(), kernel.checkInvariants());
        assertEquals(List.of("frames.owned-once", "regions.held-by-owners", "shared.mappings-held",
            "capabilities.derivation", "audit.chain-intact", "connections.owned-once"), kernel.invariants().names());
    }

    @Test
    void shouldFindAFrameWritableByTwoSandboxes()
    {
        mapFirstFrameIntoSecond();

        final List<InvariantViolation> violations = kernel.checkInvariants();

        assertEquals(1, violations.size(), violations::toString);
        assertEquals("frames.owned-once", violations.get(0).invariant());
        assertEquals("sandbox=" + second.id() + " page=" + FOREIGN_PAGE + " maps frame=" + first.firstFrame()
            + " of owner=" + first.id() + " type=PRIVILEGED writable", violations.get(0).detail());
    }

    @Test
    void shouldStopTheRunAtTheFirstEventAfterWhichAnInvariantFailsNamingItAndTheSeed()
    {
        kernel.checkInvariantsAfterEachEvent();
        kernel.simulation().schedule(Simulation.MILLIS, arg -> { }, 0);
        kernel.simulation().schedule(2 * Simulation.MILLIS, arg -> mapFirstFrameIntoSecond(), 0);
        kernel.simulation().schedule(3 * Simulation.MILLIS, arg -> { }, 0);

        final InvariantViolationException stop =
            assertThrows(InvariantViolationException.class, () -> kernel.simulation().runUntilIdle(10));

        assertEquals(2, stop.eventNumber());
        assertEquals(2 * Simulation.MILLIS, stop.timeNs());
        assertEquals(SEED, stop.seed());
        assertEquals(1, kernel.simulation().pendingEvents());
        assertTrue(stop.getMessage().startsWith("invariant violated after event 2 at t=2000000ns: frames.owned-once: "),
            stop::getMessage);
        assertTrue(stop.getMessage().endsWith("; replay with seed=42"), stop::getMessage);
    }

    @Test
    void shouldCheckAnInvariantAddedByAPartBuiltOnCore0()
    {
        kernel.invariants().add(new Invariant()
        {
            @Override
            public String name()
            {
                return "services.example";
            }

            @Override
            public void check(final Kernel checked, final ViolationSink sink)
            {
                sink.violated("example=7 sandboxes=[" + first.id() + ", " + second.id() + "]");
            }
        });

        assertEquals(List.of(new InvariantViolation("services.example", "example=7 sandboxes=[1, 2]")),
            kernel.checkInvariants());
        assertThrows(IllegalArgumentException.class, () -> kernel.invariants().add(new FramesOwnedOnce()));
    }

    @Test
    void shouldFindARegionWhoseFramesAreNotItsHolders()
    {
        kernel.systemCalls(first.id()).createRegion(Sandbox.MEMORY_BASE, 1);
        kernel.memory().setQuota(second.id(), PhysicalMemory.UNLIMITED);
        assertEquals(1, kernel.memory().transfer(first.firstFrame(), 1, first.id(), second.id()));

        assertTrue(kernel.checkInvariants().stream().anyMatch(violation ->
            violation.invariant().equals("regions.held-by-owners")), () -> kernel.checkInvariants().toString());
    }
}
