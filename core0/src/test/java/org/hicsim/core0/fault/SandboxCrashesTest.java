package org.hicsim.core0.fault;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxCrashesTest
{
    private static final long MEMORY_BYTES = 16L << 20;

    @Test
    void shouldKillOneLiveSandboxAfterAnEventAndNoneWithinTheStabilityPeriod()
    {
        final List<String> trace = new ArrayList<>();
        final Kernel kernel = new Kernel(KernelConfig.withSeed(3).withMemoryBytes(MEMORY_BYTES).withFaults(
            FaultPlan.none().with(FaultPoint.SANDBOX_CRASH, new FaultSetting(1.0, Simulation.SECONDS, 0))),
            trace::add);
        for (int i = 0; i < 3; i++)
        {
            kernel.sandboxes().start(kernel.sandboxes().create(SandboxSpec.privileged("s" + i, 4096, 10)));
        }
        kernel.simulation().schedule(Simulation.MILLIS, arg -> { }, 0);
        kernel.simulation().schedule(2 * Simulation.MILLIS, arg -> { }, 0);

        kernel.simulation().runUntilIdle(10);

        assertEquals(2, kernel.sandboxes().liveCount());
        assertEquals(1, trace.stream().filter(line -> line.contains("reason=" + SandboxCrashes.REASON.replace(' ', '_'))).count(),
            trace::toString);
        assertTrue(trace.stream().anyMatch(line -> line.equals("t=1000000 fault.fire point=sandbox.crash n=1")));
    }
}
