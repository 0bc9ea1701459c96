package org.hicsim.core0.store;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The "slow or failing persistent store" fault point: every operation takes {@code extraDelayNs} longer before
 * its first byte moves, and fails with {@link StoreError#IO_FAILED} with probability {@code failureProbability},
 * drawn from a random source the fault plan hands in (a split of the run's seed, so a run replays exactly).
 * <p>
 * {@link #NONE} is the default: no delay, no failure, and nothing drawn, so a run without faults draws the same
 * numbers as before the fault point existed.
 */
public final class StoreFaults
{
    /** The longest extra delay one operation may get; keeps every finish time far from overflow. */
    public static final long EXTRA_DELAY_NS_MAX = 60L * 1_000_000_000L;

    public static final StoreFaults NONE = new StoreFaults(new SplittableRandom(0), 0, 0.0);

    private final SplittableRandom random;
    private final long extraDelayNs;
    private final double failureProbability;

    /**
     * @param random             draws the failures; give it a split of the fault plan's random source.
     * @param extraDelayNs       added to every operation's latency, 0 to {@link #EXTRA_DELAY_NS_MAX}.
     * @param failureProbability chance that an operation fails, 0 to 1.
     */
    public StoreFaults(final SplittableRandom random, final long extraDelayNs, final double failureProbability)
    {
        this.random = Objects.requireNonNull(random, "random");
        if (extraDelayNs < 0 || extraDelayNs > EXTRA_DELAY_NS_MAX)
        {
            throw new IllegalArgumentException("extraDelayNs=" + extraDelayNs + " must be in [0, " +
                EXTRA_DELAY_NS_MAX + "]");
        }
        if (!(failureProbability >= 0.0 && failureProbability <= 1.0))
        {
            throw new IllegalArgumentException("failureProbability=" + failureProbability + " must be in [0, 1]");
        }
        this.extraDelayNs = extraDelayNs;
        this.failureProbability = failureProbability;
    }

    public long extraDelayNs()
    {
        return extraDelayNs;
    }

    public double failureProbability()
    {
        return failureProbability;
    }

    /** Whether the operation the device starts now fails; draws only when failures are switched on. */
    boolean nextFails()
    {
        return failureProbability > 0.0 && random.nextDouble() < failureProbability;
    }

    /** {@code name=value} pairs, as the trace records a change of faults. */
    @Override
    public String toString()
    {
        return "extraDelayNs=" + extraDelayNs + " failureProbability=" + failureProbability;
    }
}
