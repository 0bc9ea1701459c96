package org.hicsim.core0.fault;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import org.hicsim.core0.sim.Simulation;

/**
 * Which fault points a run switches on, and how: none unless asked ({@link #none()}), one by one through the API
 * or a scenario ({@link #with}), or chosen by the seed for swarm testing ({@link #swarm}). Immutable.
 */
public final class FaultPlan
{
    private static final FaultPlan NONE = new FaultPlan(new EnumMap<>(FaultPoint.class));
    private static final double[] SWARM_PROBABILITIES = { 0.01, 0.05, 0.2 };
    private static final long[] SWARM_STABILITIES_NS = { 0, Simulation.MILLIS, 10 * Simulation.MILLIS };
    private static final long[] SWARM_MAGNITUDES_NS = { 10 * Simulation.MICROS, Simulation.MILLIS, 5 * Simulation.MILLIS };

    private final Map<FaultPoint, FaultSetting> settings;

    private FaultPlan(final EnumMap<FaultPoint, FaultSetting> settings)
    {
        this.settings = Collections.unmodifiableMap(settings);
    }

    /** Every point off: what a run has unless it asks for faults. */
    public static FaultPlan none()
    {
        return NONE;
    }

    /**
     * VOPR's swarm testing: the seed switches each of {@code candidates} on or off, each on one with a
     * probability, stability period and magnitude of its own, so different seeds explore different mixes.
     */
    public static FaultPlan swarm(final long seed, final Set<FaultPoint> candidates)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final EnumMap<FaultPoint, FaultSetting> settings = new EnumMap<>(FaultPoint.class);
        for (final FaultPoint point : FaultPoint.values())
        {
            final boolean on = random.nextBoolean();
            final FaultSetting setting = new FaultSetting(
                SWARM_PROBABILITIES[random.nextInt(SWARM_PROBABILITIES.length)],
                SWARM_STABILITIES_NS[random.nextInt(SWARM_STABILITIES_NS.length)],
                SWARM_MAGNITUDES_NS[random.nextInt(SWARM_MAGNITUDES_NS.length)]);
            if (on && candidates.contains(point))
            {
                settings.put(point, setting);
            }
        }
        return new FaultPlan(settings);
    }

    /** This plan with {@code point} switched on as {@code setting}. */
    public FaultPlan with(final FaultPoint point, final FaultSetting setting)
    {
        final EnumMap<FaultPoint, FaultSetting> more = new EnumMap<>(FaultPoint.class);
        more.putAll(settings);
        more.put(Objects.requireNonNull(point, "point"), Objects.requireNonNull(setting, "setting"));
        return new FaultPlan(more);
    }

    /** This plan with {@code point} switched on: a chance per event, no stability period, no magnitude. */
    public FaultPlan with(final FaultPoint point, final double probability)
    {
        return with(point, new FaultSetting(probability, 0, 0));
    }

    /** The point's setting, or null when it is off. */
    public FaultSetting setting(final FaultPoint point)
    {
        return settings.get(point);
    }

    public boolean isEmpty()
    {
        return settings.isEmpty();
    }

    /** The points switched on, in declaration order. */
    public Set<FaultPoint> points()
    {
        return settings.keySet();
    }

    @Override
    public String toString()
    {
        return settings.isEmpty() ? "FaultPlan{none}" : "FaultPlan" + settings;
    }
}
