package org.hicsim.monitor.canary;

/** What canary analysis found for one metric. Only PASS and NODATA are not failures. */
public enum Classification
{
    /** No significant difference, or one within the effect-size tolerance, or in the harmless direction. */
    PASS,
    /** Significantly higher than the control, beyond the allowed increase. */
    HIGH,
    /** Significantly lower than the control, beyond the allowed decrease. */
    LOW,
    /** Distributions differ in shape (Kolmogorov-Smirnov) with a spread beyond tolerance: what a rank test misses. */
    SPREAD,
    /** Non-zero values where the control had none at all (rare new errors). */
    NEW_NONZERO,
    /** Too few samples on either side to judge. */
    NODATA;

    public boolean failed()
    {
        return this != PASS && this != NODATA;
    }
}
