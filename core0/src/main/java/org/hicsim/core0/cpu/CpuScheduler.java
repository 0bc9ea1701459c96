package org.hicsim.core0.cpu;

import java.util.Arrays;

import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;

/**
 * The simulated core's bandwidth control: one {@link CpuQuota} per sandbox, all with the same accounting period.
 * <p>
 * Each sandbox is held to its own quota and no one else's: the model caps a sandbox's share, it does not make
 * sandboxes compete for the core, so quotas adding up to more than 100% are allowed (during a rolling update an
 * old and a new instance both hold one) and {@link #totalQuotaPercent()} is there for admission checks.
 */
public final class CpuScheduler
{
    /**
     * Default accounting period, 10 ms: a throttled sandbox waits at most one period less its quota, so its
     * requests see millisecond-scale stalls rather than the 100 ms ones of Linux's default CFS period.
     */
    public static final long DEFAULT_PERIOD_NS = 10 * Simulation.MILLIS;
    private static final int INITIAL_CAPACITY = 16;

    private final Simulation simulation;
    private final long periodNs;
    /**
     * Indexed by sandbox id: ids are small, dense and never negative, and every client request and system call
     * that computes looks its sandbox's quota up, where a hash probe showed in profiles.
     */
    private CpuQuota[] quotaBySandbox = new CpuQuota[INITIAL_CAPACITY];
    private int totalQuotaPercent;

    public CpuScheduler(final Simulation simulation, final long periodNs)
    {
        CpuQuota.checkPeriod(periodNs);
        this.simulation = simulation;
        this.periodNs = periodNs;
    }

    public CpuScheduler(final Simulation simulation)
    {
        this(simulation, DEFAULT_PERIOD_NS);
    }

    /**
     * Gives a sandbox its quota.
     *
     * @throws IllegalStateException    if the sandbox already has one.
     * @throws IllegalArgumentException if {@code quotaPercent} is outside [1, 100] or {@code sandboxId} is negative.
     */
    public CpuQuota add(final int sandboxId, final int quotaPercent)
    {
        if (sandboxId < 0)
        {
            throw new IllegalArgumentException("sandboxId=" + sandboxId + " must not be negative");
        }
        if (null != quota(sandboxId))
        {
            throw new IllegalStateException("sandboxId=" + sandboxId + " already has a CPU quota");
        }
        final CpuQuota quota = new CpuQuota(quotaPercent, periodNs);
        if (sandboxId >= quotaBySandbox.length)
        {
            quotaBySandbox = Arrays.copyOf(quotaBySandbox, Math.max(sandboxId + 1, quotaBySandbox.length << 1));
        }
        quotaBySandbox[sandboxId] = quota;
        totalQuotaPercent += quotaPercent;
        simulation.trace().record("cpu.quota", "sandbox=" + sandboxId + " percent=" + quotaPercent +
            " quotaNs=" + quota.quotaNs() + " periodNs=" + periodNs);
        return quota;
    }

    /**
     * Takes a sandbox's quota away (the sandbox is destroyed), recording what it used.
     *
     * @return false if the sandbox had none.
     */
    public boolean remove(final int sandboxId)
    {
        final CpuQuota quota = quota(sandboxId);
        if (null == quota)
        {
            return false;
        }
        quotaBySandbox[sandboxId] = null;
        totalQuotaPercent -= quota.quotaPercent();
        simulation.trace().record("cpu.remove", "sandbox=" + sandboxId + " consumedNs=" + quota.consumedNs() +
            " throttleCount=" + quota.throttleCount() + " throttledNs=" + quota.throttledNs());
        return true;
    }

    /**
     * @return the sandbox's quota, or null if it has none.
     */
    public CpuQuota quota(final int sandboxId)
    {
        final CpuQuota[] quotaBySandbox = this.quotaBySandbox;
        return sandboxId >= 0 && sandboxId < quotaBySandbox.length ? quotaBySandbox[sandboxId] : null;
    }

    /**
     * Runs {@code workNs} of the sandbox's work from now and schedules {@code onDone.onEvent(arg)} for when it
     * finishes, throttling included.
     *
     * @return the finish time.
     * @throws IllegalArgumentException if the sandbox has no quota.
     */
    public long submit(final int sandboxId, final long workNs, final EventHandler onDone, final long arg)
    {
        final CpuQuota quota = quota(sandboxId);
        if (null == quota)
        {
            throw new IllegalArgumentException("sandboxId=" + sandboxId + " has no CPU quota");
        }
        final long finishNs = quota.run(simulation.nowNs(), workNs);
        simulation.scheduleAt(finishNs, onDone, arg);
        return finishNs;
    }

    public long periodNs()
    {
        return periodNs;
    }

    /** Sum of the quotas given out; may exceed 100. */
    public int totalQuotaPercent()
    {
        return totalQuotaPercent;
    }
}
