package org.hicsim.core0.sim;

import java.time.Instant;

/**
 * The calendar instant of virtual time 0, so that what needs a date (a certificate checked against its validity
 * period, say) reads the simulated clock and never the host's: the same run gives the same answer on any day.
 */
public final class SimulatedEpoch
{
    /** Virtual time 0 of every run unless a scenario says otherwise: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final SimulatedEpoch DEFAULT = new SimulatedEpoch(DEFAULT_EPOCH);

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Instant epoch;

    public SimulatedEpoch(final Instant epoch)
    {
        if (epoch.getNano() % NANOS_PER_MILLI != 0)
        {
            throw new IllegalArgumentException("epoch=" + epoch + " must be a whole millisecond");
        }
        this.epoch = epoch;
    }

    public Instant epoch()
    {
        return epoch;
    }

    /**
     * @param nowNs virtual time, as {@link Simulation#nowNs()} gives it.
     */
    public Instant instantAt(final long nowNs)
    {
        return epoch.plusNanos(nowNs);
    }

    /**
     * @param nowNs virtual time, as {@link Simulation#nowNs()} gives it.
     * @return milliseconds since 1970-01-01T00:00:00Z, rounded down.
     */
    public long epochMillisAt(final long nowNs)
    {
        return epoch.toEpochMilli() + Math.floorDiv(nowNs, NANOS_PER_MILLI);
    }

    /**
     * The simulated instant of {@code simulation}'s clock now.
     */
    public Instant now(final Simulation simulation)
    {
        return instantAt(simulation.nowNs());
    }
}
