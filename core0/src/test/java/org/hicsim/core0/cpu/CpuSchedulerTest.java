package org.hicsim.core0.cpu;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.cpu.CpuScheduler.DEFAULT_PERIOD_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuSchedulerTest
{
    private final List<String> traceLines = new ArrayList<>();
    private final Simulation sim = new Simulation(1, traceLines::add);
    private final CpuScheduler scheduler = new CpuScheduler(sim);

    @Test
    void shouldKeepEachSandboxOnItsOwnBudget()
    {
        final CpuQuota busy = scheduler.add(1, 20);
        final CpuQuota light = scheduler.add(2, 20);
        busy.run(0, 100 * Simulation.MILLIS);
        assertEquals(light.quotaNs(), light.run(0, light.quotaNs()));
        assertEquals(0, light.throttleCount());
        assertTrue(busy.throttleCount() > 0);
    }

    @Test
    void shouldScheduleCompletionAtTheThrottledFinishTime()
    {
        scheduler.add(1, 20);
        final List<Long> doneAt = new ArrayList<>();
        final long workNs = 3 * scheduler.quota(1).quotaNs();
        final long finishNs = scheduler.submit(1, workNs, arg -> doneAt.add(sim.nowNs() + arg), 0);
        sim.runUntilIdle(10);
        assertEquals(2 * DEFAULT_PERIOD_NS + scheduler.quota(1).quotaNs(), finishNs);
        assertEquals(List.of(finishNs), doneAt);
    }

    @Test
    void shouldAllowQuotasAddingUpToMoreThanTheCore()
    {
        scheduler.add(1, 60);
        scheduler.add(2, 60);
        assertEquals(120, scheduler.totalQuotaPercent());
        scheduler.remove(1);
        assertEquals(60, scheduler.totalQuotaPercent());
    }

    @Test
    void shouldRefuseASecondQuotaForOneSandbox()
    {
        scheduler.add(1, 20);
        assertThrows(IllegalStateException.class, () -> scheduler.add(1, 30));
        assertEquals(20, scheduler.quota(1).quotaPercent());
    }

    @Test
    void shouldRefuseWorkForASandboxWithoutQuota()
    {
        assertThrows(IllegalArgumentException.class, () -> scheduler.submit(9, 1, arg -> { }, 0));
    }

    @Test
    void shouldForgetARemovedSandbox()
    {
        scheduler.add(1, 20);
        assertTrue(scheduler.remove(1));
        assertFalse(scheduler.remove(1));
        assertNull(scheduler.quota(1));
    }

    @Test
    void shouldTraceQuotaGrantAndRemovalWithUsage()
    {
        scheduler.add(4, 20).run(0, 2 * scheduler.quota(4).quotaNs());
        scheduler.remove(4);
        assertEquals(List.of(
            "t=0 cpu.quota sandbox=4 percent=20 quotaNs=2000000 periodNs=10000000",
            "t=0 cpu.remove sandbox=4 consumedNs=4000000 throttleCount=1 throttledNs=8000000"),
            traceLines.subList(1, traceLines.size()));
    }
}
