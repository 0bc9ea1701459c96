package org.hicsim.core0.supervisor;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootSupervisorTest
{
    private final Kernel kernel = new Kernel(KernelConfig.withSeed(1), TraceSink.NONE);
    private final List<Long> restartedAt = new ArrayList<>();

    private int start(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, 4096, 10));
        kernel.sandboxes().start(id);
        return id;
    }

    private BootSupervisor.Restart restarting(final String name)
    {
        return attempt ->
        {
            restartedAt.add(kernel.simulation().nowNs());
            return start(name + "-" + attempt);
        };
    }

    private void run(final long ns)
    {
        kernel.simulation().runUntil(kernel.simulation().nowNs() + ns);
    }

    @Test
    void shouldRestartAKilledServiceOneSecondLaterFromTheEventLoop()
    {
        final int id = start("module-manager");
        kernel.supervisor().supervise("module-manager", id, restarting("module-manager"));

        kernel.sandboxes().kill(id, "crash");

        assertTrue(restartedAt.isEmpty(), "never inside the killing call");
        run(2 * Simulation.SECONDS);
        assertEquals(List.of(Simulation.SECONDS), restartedAt);
    }

    @Test
    void shouldNotRestartAServiceShutDownOnPurpose()
    {
        final int id = start("monitor");
        kernel.supervisor().supervise("monitor", id, restarting("monitor"));

        kernel.sandboxes().destroy(id);
        run(5 * Simulation.SECONDS);

        assertTrue(restartedAt.isEmpty());
    }

    @Test
    void shouldGiveUpAfterThreeAttemptsThatFail()
    {
        final int id = start("module-manager");
        kernel.supervisor().supervise("module-manager", id, attempt ->
        {
            restartedAt.add(kernel.simulation().nowNs());
            return -1;
        });

        kernel.sandboxes().kill(id, "crash");
        run(10 * Simulation.SECONDS);

        assertEquals(List.of(Simulation.SECONDS, 2 * Simulation.SECONDS, 3 * Simulation.SECONDS), restartedAt);
        assertEquals("supervisor.gave-up", kernel.audit().records().get(kernel.audit().size() - 1).kind());
    }

    @Test
    void shouldCountCrashesInARowAndForgetThemAfterAHealthyPeriod()
    {
        final String name = "module-manager";
        final int[] current = {start(name)};
        kernel.supervisor().supervise(name, current[0], attempt ->
        {
            current[0] = start(name + "-" + restartedAt.size());
            restartedAt.add(kernel.simulation().nowNs());
            return current[0];
        });

        for (int crash = 0; crash < 3; crash++)
        {
            kernel.sandboxes().kill(current[0], "crash");
            run(2 * Simulation.SECONDS);
        }
        assertEquals(3, kernel.supervisor().attempts(name));
        kernel.sandboxes().kill(current[0], "crash");
        run(2 * Simulation.SECONDS);
        assertEquals(3, restartedAt.size(), "a fourth crash in a row is not restarted");

        final KernelConfig config = KernelConfig.withSeed(2);
        final Kernel fresh = new Kernel(config, TraceSink.NONE);
        final int[] again = {fresh.sandboxes().create(SandboxSpec.privileged(name, 4096, 10))};
        final int[] restarts = {0};
        fresh.supervisor().supervise(name, again[0], attempt ->
        {
            restarts[0]++;
            again[0] = fresh.sandboxes().create(SandboxSpec.privileged(name + restarts[0], 4096, 10));
            return again[0];
        });
        for (int crash = 0; crash < 5; crash++)
        {
            fresh.sandboxes().kill(again[0], "crash");
            fresh.simulation().runUntil(fresh.simulation().nowNs() + 2 * BootSupervisor.HEALTHY_PERIOD_NS);
        }
        assertEquals(5, restarts[0], "crashes a healthy period apart are each restarted");
    }
}
