package org.hicsim.monitor.alert;

/**
 * A threshold more lenient under load (section 5.2): {@code base} holds at or below the baseline load; above it
 * the threshold grows by {@code slack} times the relative excess load, up to {@code factorMax} times the base.
 * With base 200 ms, baseline 1,000 requests/s, slack 0.5 and factorMax 2: 200 ms at 800 or 1,000 requests/s,
 * 300 ms at 2,000, 400 ms from 3,000 on. Never tighter than the base: low load is no reason to page.
 */
public record AdaptiveThreshold(double base, double baselineLoad, double slack, double factorMax)
{
    public AdaptiveThreshold
    {
        if (!Double.isFinite(base) || !(baselineLoad > 0) || !(slack >= 0) || !(factorMax >= 1))
        {
            throw new IllegalArgumentException("invalid adaptive threshold: base=" + base + " baselineLoad="
                + baselineLoad + " slack=" + slack + " factorMax=" + factorMax);
        }
    }

    public double at(final double load)
    {
        final double excess = Math.max(0, load / baselineLoad - 1);
        return base * Math.min(factorMax, 1 + slack * excess);
    }
}
