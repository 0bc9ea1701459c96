package org.hicsim.monitor.canary;

import org.hicsim.monitor.rule.InvalidRuleException;

/**
 * One metric of a canary analysis, as Kayenta configures it: its group, the direction that fails, whether its
 * failure fails the whole canary, and the effect-size tolerance as ratios of the experiment's median to the
 * control's ({@code allowedIncrease} 1.1 lets it be 10% higher); plus the checks a rank test misses: a spread
 * tolerance (ratio of standard deviations, 0 to switch the check off) and failing on non-zero values where the
 * control had none.
 */
public record CanaryMetric(
    String name,
    String group,
    Direction direction,
    boolean critical,
    double allowedIncrease,
    double allowedDecrease,
    double spreadTolerance,
    boolean newNonZeroFails,
    int samplesMin)
{
    public CanaryMetric
    {
        if (name == null || name.indexOf(' ') >= 0 || group == null || direction == null
            || !(allowedIncrease >= 1) || !(allowedDecrease > 0 && allowedDecrease <= 1)
            || !(spreadTolerance == 0 || spreadTolerance > 1) || samplesMin < 1)
        {
            throw new InvalidRuleException("invalid canary metric: name=" + name + " group=" + group
                + " allowedIncrease=" + allowedIncrease + " allowedDecrease=" + allowedDecrease
                + " spreadTolerance=" + spreadTolerance + " samplesMin=" + samplesMin);
        }
    }

    /** A metric with no tolerance beyond significance, no spread check, judged on 10 samples a side. */
    public static CanaryMetric of(final String name, final String group, final Direction direction)
    {
        return new CanaryMetric(name, group, direction, false, 1, 1, 0, false, 10);
    }

    public CanaryMetric withEffectTolerance(final double increase, final double decrease)
    {
        return new CanaryMetric(name, group, direction, critical, increase, decrease, spreadTolerance,
            newNonZeroFails, samplesMin);
    }

    public CanaryMetric withSpreadTolerance(final double ratio)
    {
        return new CanaryMetric(name, group, direction, critical, allowedIncrease, allowedDecrease, ratio,
            newNonZeroFails, samplesMin);
    }

    public CanaryMetric failingOnNewNonZero()
    {
        return new CanaryMetric(name, group, direction, critical, allowedIncrease, allowedDecrease, spreadTolerance,
            true, samplesMin);
    }

    public CanaryMetric asCritical()
    {
        return new CanaryMetric(name, group, direction, true, allowedIncrease, allowedDecrease, spreadTolerance,
            newNonZeroFails, samplesMin);
    }
}
