package org.hicsim.core0.fault;

import java.util.Objects;
import java.util.SplittableRandom;

import org.hicsim.core0.sim.Clock;
import org.hicsim.core0.sim.Trace;

/**
 * A run's fault points, live: each switched-on point draws from a random source of its own, derived from the
 * run's seed and the point alone, so switching one point on changes no other point's draws and nothing else in
 * the run. The plan is written to the trace when the run starts (nothing, when no point is on), and each firing
 * when it happens. Single-threaded, like the simulation.
 */
public final class Faults
{
    private static final long SEED_MIX = 0x9E37_79B9_7F4A_7C15L;

    private final FaultPlan plan;
    private final Clock clock;
    private final Trace trace;
    private final FaultSetting[] settings = new FaultSetting[FaultPoint.values().length];
    private final SplittableRandom[] randoms = new SplittableRandom[FaultPoint.values().length];
    private final long[] quietUntilNs = new long[FaultPoint.values().length];
    private final long[] lastFiredNs = new long[FaultPoint.values().length];
    private final long[] fired = new long[FaultPoint.values().length];
    private long offAfterNs = Long.MAX_VALUE;

    public Faults(final FaultPlan plan, final long seed, final Clock clock, final Trace trace)
    {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trace = Objects.requireNonNull(trace, "trace");
        for (final FaultPoint point : plan.points())
        {
            final int index = point.ordinal();
            settings[index] = plan.setting(point);
            randoms[index] = new SplittableRandom(seed ^ (SEED_MIX * (index + 1)));
            lastFiredNs[index] = Long.MIN_VALUE;
            trace.record("fault.plan", "point=" + point.traceName() + " " + settings[index]);
        }
    }

    public FaultPlan plan()
    {
        return plan;
    }

    /** Whether the point is switched on (it may still not fire). */
    public boolean isOn(final FaultPoint point)
    {
        return settings[point.ordinal()] != null;
    }

    /**
     * One event passes the point: whether the fault happens now. Never when the point is off, within its
     * stability period after it last fired, or after {@link #switchOffAfter}; otherwise with its probability.
     * A firing is traced.
     */
    public boolean fires(final FaultPoint point)
    {
        final int index = point.ordinal();
        final FaultSetting setting = settings[index];
        if (setting == null)
        {
            return false;
        }
        final long nowNs = clock.nowNs();
        if (nowNs > offAfterNs || nowNs < quietUntilNs[index] || randoms[index].nextDouble() >= setting.probability())
        {
            return false;
        }
        quietUntilNs[index] = nowNs + setting.stabilityNs();
        lastFiredNs[index] = nowNs;
        fired[index]++;
        trace.record("fault.fire", "point=" + point.traceName() + " n=" + fired[index]);
        return true;
    }

    /** How much a delay or slow-down of the point adds; 0 when it is off. */
    public long magnitudeNs(final FaultPoint point)
    {
        final FaultSetting setting = settings[point.ordinal()];
        return setting == null ? 0 : setting.magnitudeNs();
    }

    /**
     * A choice the fault makes (which sandbox crashes, which byte flips), from the point's own random source.
     *
     * @param bound positive.
     * @return in [0, bound).
     * @throws IllegalStateException if the point is off.
     */
    public int choose(final FaultPoint point, final int bound)
    {
        final SplittableRandom random = randoms[point.ordinal()];
        if (random == null)
        {
            throw new IllegalStateException("point=" + point.traceName() + " is off");
        }
        return random.nextInt(bound);
    }

    /**
     * Until when a part the point last crashed must stay down: its firing time plus the stability period; what a
     * restarter (the coming Module Manager) waits for. {@link Long#MIN_VALUE} if it never fired.
     */
    public long downUntilNs(final FaultPoint point)
    {
        final int index = point.ordinal();
        final FaultSetting setting = settings[index];
        return setting == null || lastFiredNs[index] == Long.MIN_VALUE
            ? Long.MIN_VALUE : lastFiredNs[index] + setting.stabilityNs();
    }

    public long firedCount(final FaultPoint point)
    {
        return fired[point.ordinal()];
    }

    /**
     * No point fires after {@code timeNs}: the liveness phase of a run, in which the system must converge.
     */
    public void switchOffAfter(final long timeNs)
    {
        offAfterNs = timeNs;
        trace.record("fault.off", "afterNs=" + timeNs);
    }
}
