package org.hicsim.monitor.score;

import org.hicsim.monitor.rule.Criterion;
import org.hicsim.monitor.rule.InvalidRuleException;

/**
 * One metric's share of the rollback confidence score: the criterion computes the value; the value maps linearly
 * to a signal in [0, 1], 0 at {@code healthy} and 1 at {@code failing} (either may be the larger), clamped; the
 * contribution is weight x signal.
 */
public record ScoreComponent(Criterion criterion, double weight, double healthy, double failing)
{
    public ScoreComponent
    {
        if (!(weight > 0 && weight <= 1) || !Double.isFinite(healthy) || !Double.isFinite(failing)
            || healthy == failing)
        {
            throw new InvalidRuleException("invalid score component: name=" + criterion.name() + " weight=" + weight
                + " healthy=" + healthy + " failing=" + failing);
        }
    }

    /** The signal of a value, 0 (healthy) to 1 (failing); no value gives 0, missing data never pushes. */
    public double signal(final double value)
    {
        if (Double.isNaN(value))
        {
            return 0;
        }
        final double signal = (value - healthy) / (failing - healthy);
        return Math.max(0, Math.min(1, signal));
    }
}
