package org.hicsim.monitor.alert;

/**
 * The 3-sigma rule of section 5.2 against a learned baseline: the first {@code learnSamples} values teach the
 * mean and standard deviation (Welford's running form, exact enough and one pass), which are then frozen; after
 * that a value more than three standard deviations from the mean is an anomaly. A baseline with no spread at all
 * makes any different value an anomaly.
 */
public final class AnomalyDetector
{
    public static final double SIGMAS = 3;

    private final int learnSamples;
    private int learned;
    private double mean;
    private double squares;

    public AnomalyDetector(final int learnSamples)
    {
        if (learnSamples < 2)
        {
            throw new IllegalArgumentException("a baseline needs two samples at least: learnSamples=" + learnSamples);
        }
        this.learnSamples = learnSamples;
    }

    public boolean learning()
    {
        return learned < learnSamples;
    }

    /** Learns the value while learning (never an anomaly then); afterwards says whether it is one. */
    public boolean observe(final double value)
    {
        if (learning())
        {
            learned++;
            final double delta = value - mean;
            mean += delta / learned;
            squares += delta * (value - mean);
            return false;
        }
        final double sigma = standardDeviation();
        return sigma == 0 ? value != mean : Math.abs(value - mean) > SIGMAS * sigma;
    }

    public double mean()
    {
        return mean;
    }

    public double standardDeviation()
    {
        return learned < 2 ? 0 : StrictMath.sqrt(squares / (learned - 1));
    }
}
