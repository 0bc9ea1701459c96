package org.hicsim.core0.fault;

/**
 * How one fault point behaves when switched on.
 *
 * @param probability the chance, in (0, 1], that it fires at one event that passes it.
 * @param stabilityNs after it fired, it does not fire again for this long: the system gets that long to recover,
 *                    and a part it crashed stays down at least that long ({@link Faults#downUntilNs}).
 * @param magnitudeNs how much a delay or a slow-down adds, for the points that have one; 0 for the others.
 */
public record FaultSetting(double probability, long stabilityNs, long magnitudeNs)
{
    public FaultSetting
    {
        if (!(probability > 0 && probability <= 1) || stabilityNs < 0 || magnitudeNs < 0)
        {
            throw new IllegalArgumentException("probability=" + probability + " stabilityNs=" + stabilityNs
                + " magnitudeNs=" + magnitudeNs + ": the probability must be in (0, 1], the times not negative");
        }
    }

    @Override
    public String toString()
    {
        return "probability=" + probability + " stabilityNs=" + stabilityNs + " magnitudeNs=" + magnitudeNs;
    }
}
