package org.hicsim.core0.cpu;

import org.hicsim.core0.sim.Simulation;

/**
 * One sandbox's share of the simulated core, enforced in virtual time as Linux CFS bandwidth control does: in
 * every period (aligned to time 0) the sandbox may run for its quota; work that outlasts the quota is throttled
 * until the next period starts. The sandbox's work runs in the order it is submitted, one item after another.
 * <p>
 * The cost of {@link #run} does not depend on how many periods the work spans: the full periods in the middle
 * are counted in one step, so a day of throttled work costs what a millisecond does.
 */
public final class CpuQuota
{
    /** Bound on one item of work: keeps every finish time far from overflow, even at a 1% quota. */
    public static final long WORK_NS_MAX = 24 * Simulation.HOURS;
    /** Shortest period: 1% of it must still be a whole nanosecond. */
    public static final long PERIOD_NS_MIN = 100;
    /** Longest period: a sandbox's stall is bounded by one period. */
    public static final long PERIOD_NS_MAX = Simulation.SECONDS;

    private final int quotaPercent;
    private final long periodNs;
    private final long quotaNs;
    private long busyUntilNs;
    private long periodStartNs;
    private long usedInPeriodNs;
    private long consumedNs;
    private long throttleCount;
    private long throttledNs;

    /**
     * @param quotaPercent share of the core, 1 to 100 (HIC's {@code cpu_quota_percent}).
     * @param periodNs     accounting period; the quota is {@code periodNs * quotaPercent / 100} of it.
     */
    public CpuQuota(final int quotaPercent, final long periodNs)
    {
        if (quotaPercent < 1 || quotaPercent > 100)
        {
            throw new IllegalArgumentException("quotaPercent=" + quotaPercent + " must be in [1, 100]");
        }
        checkPeriod(periodNs);
        this.quotaPercent = quotaPercent;
        this.periodNs = periodNs;
        this.quotaNs = periodNs * quotaPercent / 100;
    }

    /**
     * Runs {@code workNs} of CPU work submitted at {@code startNs} and charges it to this quota.
     *
     * @return the virtual time the work finishes: it starts when both {@code startNs} has come and earlier work
     * is done, and pauses at each period's end once the period's quota is spent.
     */
    public long run(final long startNs, final long workNs)
    {
        if (startNs < 0 || workNs < 0 || workNs > WORK_NS_MAX)
        {
            throw new IllegalArgumentException("startNs=" + startNs + " workNs=" + workNs +
                " must be non-negative, workNs at most " + WORK_NS_MAX);
        }
        long nowNs = Math.max(startNs, busyUntilNs);
        if (0 == workNs)
        {
            return nowNs;
        }

        final long periodNs = this.periodNs;
        final long quotaNs = this.quotaNs;
        final long currentPeriodStartNs = nowNs - nowNs % periodNs;
        if (currentPeriodStartNs != periodStartNs)
        {
            periodStartNs = currentPeriodStartNs;
            usedInPeriodNs = 0;
        }
        consumedNs += workNs;

        final long nextPeriodStartNs = currentPeriodStartNs + periodNs;
        final long availableNs = Math.min(quotaNs - usedInPeriodNs, nextPeriodStartNs - nowNs);
        if (workNs <= availableNs)
        {
            usedInPeriodNs += workNs;
            busyUntilNs = nowNs + workNs;
            return busyUntilNs;
        }

        long remainingNs = workNs - availableNs;
        nowNs += availableNs;
        if (nowNs < nextPeriodStartNs)
        {
            throttle(nextPeriodStartNs - nowNs);
        }
        nowNs = nextPeriodStartNs;

        // Every period before the last one is spent in full: quotaNs of work, then throttled for the rest.
        final long fullPeriods = (remainingNs - 1) / quotaNs;
        if (quotaNs < periodNs)
        {
            throttleCount += fullPeriods;
            throttledNs += fullPeriods * (periodNs - quotaNs);
        }
        nowNs += fullPeriods * periodNs;
        remainingNs -= fullPeriods * quotaNs;

        periodStartNs = nowNs;
        usedInPeriodNs = remainingNs;
        busyUntilNs = nowNs + remainingNs;
        return busyUntilNs;
    }

    /**
     * The sandbox's one thread waits, without running, until {@code untilNs}: it made a synchronous call and the
     * reply is due then. Work submitted later starts after it; nothing is charged for the wait.
     */
    public void blockUntil(final long untilNs)
    {
        if (untilNs > busyUntilNs)
        {
            busyUntilNs = untilNs;
        }
    }

    public int quotaPercent()
    {
        return quotaPercent;
    }

    public long periodNs()
    {
        return periodNs;
    }

    /** CPU time allowed per period. */
    public long quotaNs()
    {
        return quotaNs;
    }

    /** When the work submitted so far is done. */
    public long busyUntilNs()
    {
        return busyUntilNs;
    }

    /** CPU time charged so far. */
    public long consumedNs()
    {
        return consumedNs;
    }

    /** Periods in which the quota ran out with work still waiting (CFS's {@code nr_throttled}). */
    public long throttleCount()
    {
        return throttleCount;
    }

    /** Virtual time spent waiting for a new period (CFS's {@code throttled_time}). */
    public long throttledNs()
    {
        return throttledNs;
    }

    /**
     * @throws IllegalArgumentException unless {@code periodNs} is in [{@link #PERIOD_NS_MIN}, {@link #PERIOD_NS_MAX}].
     */
    public static void checkPeriod(final long periodNs)
    {
        if (periodNs < PERIOD_NS_MIN || periodNs > PERIOD_NS_MAX)
        {
            throw new IllegalArgumentException(
                "periodNs=" + periodNs + " must be in [" + PERIOD_NS_MIN + ", " + PERIOD_NS_MAX + "]");
        }
    }

    private void throttle(final long waitNs)
    {
        throttleCount++;
        throttledNs += waitNs;
    }
}
