package org.hicsim.core0.invariant;

import java.util.EnumSet;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SeededWorkloads;
import org.hicsim.core0.fault.FaultPlan;
import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.sim.TraceSink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deterministic-simulation test of Core-0: for each seed, a random program of operations runs with the fault
 * points the seed switches on (sandbox crashes, IPC drops, delays and reorders), and every invariant is checked
 * after every event; a violation would stop the run naming the event and the seed.
 */
class SeededFaultsPropertiesTest
{
    private static final int OPERATIONS = 150;
    private static final long MEMORY_BYTES = 16L << 20;

    @Property(tries = 40)
    void invariantsHoldAfterEveryEventUnderSeededFaults(@ForAll final long seed)
    {
        final Kernel kernel = kernel(seed);

        final long events = kernel.simulation().runUntilIdle(Long.MAX_VALUE);

        assertTrue(events >= OPERATIONS, () -> "events=" + events);
        for (final FaultPoint point : kernel.faults().plan().points())
        {
            Statistics.label("fired").collect(point.traceName() + (kernel.faults().firedCount(point) > 0 ? "" : " (never)"));
        }
        assertEquals(java.util.List.of(), kernel.checkInvariants());
        assertTrue(kernel.audit().verify().isIntact());
    }

    @Property(tries = 5)
    void sameSeedGivesTheSameTrace(@ForAll final long seed)
    {
        final Kernel first = kernel(seed);
        first.simulation().runUntilIdle(Long.MAX_VALUE);
        final Kernel second = kernel(seed);
        second.simulation().runUntilIdle(Long.MAX_VALUE);

        assertEquals(first.simulation().trace().sha256Hex(), second.simulation().trace().sha256Hex());
    }

    private static Kernel kernel(final long seed)
    {
        final FaultPlan plan = FaultPlan.swarm(seed, EnumSet.of(FaultPoint.SANDBOX_CRASH, FaultPoint.IPC_DROP,
            FaultPoint.IPC_DELAY, FaultPoint.IPC_REORDER));
        final Kernel kernel = new Kernel(
            KernelConfig.withSeed(seed).withMemoryBytes(MEMORY_BYTES).withFaults(plan), TraceSink.NONE);
        kernel.checkInvariantsAfterEachEvent();
        SeededWorkloads.schedule(kernel, seed, OPERATIONS);
        return kernel;
    }
}
