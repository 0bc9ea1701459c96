package org.hicsim.core0.memory;

/**
 * How close an owner is to its frame quota, with HIC's levels and thresholds.
 * <p>
 * An allocation that would take an owner past its quota is refused, so {@link #EXCEEDED} is reached only when a
 * quota is lowered below what the owner already holds (e.g. a template's quota override).
 */
public enum QuotaLevel
{
    /** Below 80% of the quota, or no quota. */
    OK,
    /** At least 80% of the quota. */
    WARNING,
    /** At least 95% of the quota. */
    CRITICAL,
    /** More than the quota. */
    EXCEEDED;

    public static final int WARNING_PERCENT = 80;
    public static final int CRITICAL_PERCENT = 95;

    /**
     * @param used  frames held.
     * @param limit frames allowed.
     */
    public static QuotaLevel of(final long used, final long limit)
    {
        if (used > limit)
        {
            return EXCEEDED;
        }
        if (used * 100 >= limit * CRITICAL_PERCENT)
        {
            return CRITICAL;
        }
        if (used * 100 >= limit * WARNING_PERCENT)
        {
            return WARNING;
        }
        return OK;
    }
}
