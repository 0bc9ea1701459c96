package org.hicsim.core0.cpu;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.cpu.CpuScheduler.DEFAULT_PERIOD_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CpuQuotaTest
{
    private static final long WORK_NS = 100 * Simulation.MILLIS;

    @Test
    void shouldStretchWorkOfATwentyPercentSandboxAboutFiveFold()
    {
        final CpuQuota quota = new CpuQuota(20, DEFAULT_PERIOD_NS);
        final long periods = WORK_NS / quota.quotaNs();
        // Every period but the last ends with a throttled wait; the last ends when the work does.
        final long expectedNs = (periods - 1) * DEFAULT_PERIOD_NS + quota.quotaNs();
        assertEquals(expectedNs, quota.run(0, WORK_NS));
        assertEquals(492 * Simulation.MILLIS, expectedNs);
    }

    @Test
    void shouldRunAFullQuotaSandboxWithoutDelay()
    {
        final CpuQuota quota = new CpuQuota(100, DEFAULT_PERIOD_NS);
        assertEquals(WORK_NS, quota.run(0, WORK_NS));
        assertEquals(0, quota.throttleCount());
        assertEquals(0, quota.throttledNs());
    }

    @Test
    void shouldCountEveryThrottledPeriodAndItsWait()
    {
        final CpuQuota quota = new CpuQuota(20, DEFAULT_PERIOD_NS);
        final long finishNs = quota.run(0, WORK_NS);
        final long throttledPeriods = WORK_NS / quota.quotaNs() - 1;
        assertEquals(throttledPeriods, quota.throttleCount());
        assertEquals(throttledPeriods * (DEFAULT_PERIOD_NS - quota.quotaNs()), quota.throttledNs());
        assertEquals(finishNs, WORK_NS + quota.throttledNs());
        assertEquals(WORK_NS, quota.consumedNs());
    }

    @Test
    void shouldSpendWhatIsLeftOfThePeriodsQuotaFirst()
    {
        final CpuQuota quota = new CpuQuota(20, DEFAULT_PERIOD_NS);
        final long quotaNs = quota.quotaNs();
        quota.run(0, quotaNs / 2);
        final long startNs = DEFAULT_PERIOD_NS / 2;
        assertEquals(DEFAULT_PERIOD_NS + quotaNs / 2, quota.run(startNs, quotaNs));
        assertEquals(1, quota.throttleCount());
    }

    @Test
    void shouldRenewTheQuotaEachPeriod()
    {
        final CpuQuota quota = new CpuQuota(20, DEFAULT_PERIOD_NS);
        quota.run(0, quota.quotaNs());
        assertEquals(DEFAULT_PERIOD_NS + quota.quotaNs(), quota.run(DEFAULT_PERIOD_NS, quota.quotaNs()));
        assertEquals(0, quota.throttleCount());
    }

    @Test
    void shouldStartWorkOnlyAfterEarlierWorkIsDone()
    {
        final CpuQuota quota = new CpuQuota(100, DEFAULT_PERIOD_NS);
        quota.run(0, Simulation.MILLIS);
        assertEquals(2 * Simulation.MILLIS, quota.run(0, Simulation.MILLIS));
    }

    @Test
    void shouldRejectAQuotaOutsideOneToHundredPercent()
    {
        assertThrows(IllegalArgumentException.class, () -> new CpuQuota(0, DEFAULT_PERIOD_NS));
        assertThrows(IllegalArgumentException.class, () -> new CpuQuota(101, DEFAULT_PERIOD_NS));
        assertThrows(IllegalArgumentException.class, () -> new CpuQuota(50, CpuQuota.PERIOD_NS_MIN - 1));
    }

    @Test
    void shouldRejectWorkBeyondTheBound()
    {
        final CpuQuota quota = new CpuQuota(50, DEFAULT_PERIOD_NS);
        assertThrows(IllegalArgumentException.class, () -> quota.run(0, CpuQuota.WORK_NS_MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> quota.run(0, -1));
    }

    @Property(tries = 500)
    void shouldFinishWhenAPeriodByPeriodAccountingDoes(
        @ForAll @IntRange(min = 1, max = 100) final int percent,
        @ForAll("periods") final long periodNs,
        @ForAll("work") final List<long[]> items)
    {
        final CpuQuota quota = new CpuQuota(percent, periodNs);
        final ReferenceQuota reference = new ReferenceQuota(quota.quotaNs(), periodNs);
        long startNs = 0;
        for (final long[] item : items)
        {
            startNs += item[0];
            assertEquals(reference.run(startNs, item[1]), quota.run(startNs, item[1]));
        }
        assertEquals(reference.throttleCount, quota.throttleCount());
        assertEquals(reference.throttledNs, quota.throttledNs());
    }

    @Provide
    Arbitrary<Long> periods()
    {
        return Arbitraries.longs().between(CpuQuota.PERIOD_NS_MIN, 20_000);
    }

    /** Items as {gap since the previous submission, work}, sized so that work spans up to a few hundred periods. */
    @Provide
    Arbitrary<List<long[]>> work()
    {
        return Combinators.combine(Arbitraries.longs().between(0, 50_000), Arbitraries.longs().between(0, 200_000))
            .as((gap, work) -> new long[] {gap, work})
            .list().ofMaxSize(20);
    }

    /**
     * The rule written the slow, obvious way: one period at a time, run what the quota allows, then wait.
     */
    private static final class ReferenceQuota
    {
        private final long quotaNs;
        private final long periodNs;
        private long busyUntilNs;
        private long periodStartNs = -1;
        private long usedNs;
        long throttleCount;
        long throttledNs;

        ReferenceQuota(final long quotaNs, final long periodNs)
        {
            this.quotaNs = quotaNs;
            this.periodNs = periodNs;
        }

        long run(final long startNs, final long workNs)
        {
            long nowNs = Math.max(startNs, busyUntilNs);
            long remainingNs = workNs;
            while (remainingNs > 0)
            {
                final long periodStart = nowNs - nowNs % periodNs;
                if (periodStart != periodStartNs)
                {
                    periodStartNs = periodStart;
                    usedNs = 0;
                }
                final long slice = Math.min(Math.min(quotaNs - usedNs, periodStart + periodNs - nowNs), remainingNs);
                usedNs += slice;
                remainingNs -= slice;
                nowNs += slice;
                if (remainingNs > 0 && nowNs < periodStart + periodNs)
                {
                    throttleCount++;
                    throttledNs += periodStart + periodNs - nowNs;
                    nowNs = periodStart + periodNs;
                }
            }
            busyUntilNs = nowNs;
            return nowNs;
        }
    }
}
