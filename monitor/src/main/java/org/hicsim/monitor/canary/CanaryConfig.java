package org.hicsim.monitor.canary;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hicsim.monitor.rule.InvalidRuleException;

/**
 * A canary analysis: the metrics, each group's weight (they sum to 100, as Kayenta's do), the significance level
 * of the tests, and the pass and marginal score thresholds (0-100).
 */
public record CanaryConfig(
    List<CanaryMetric> metrics,
    Map<String, Double> groupWeights,
    double alpha,
    double passThreshold,
    double marginalThreshold)
{
    public static final double ALPHA_DEFAULT = 0.05;
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    public CanaryConfig
    {
        metrics = List.copyOf(metrics);
        groupWeights = new TreeMap<>(groupWeights);
        final TreeSet<String> groups = new TreeSet<>();
        final TreeSet<String> names = new TreeSet<>();
        for (final CanaryMetric metric : metrics)
        {
            groups.add(metric.group());
            if (!names.add(metric.name()))
            {
                throw new InvalidRuleException("canary metric named twice: name=" + metric.name());
            }
        }
        if (!groups.equals(groupWeights.keySet()))
        {
            throw new InvalidRuleException(
                "every group and only those needs a weight: groups=" + groups + " weights=" + groupWeights.keySet());
        }
        double sum = 0;
        for (final double weight : groupWeights.values())
        {
            if (!(weight >= 0))
            {
                throw new InvalidRuleException("a group weight is not negative: weights=" + groupWeights);
            }
            sum += weight;
        }
        if (Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE)
        {
            throw new InvalidRuleException("canary group weights must sum to 100: sum=" + sum + " weights="
                + groupWeights);
        }
        if (!(alpha > 0 && alpha < 1) || !(marginalThreshold >= 0 && marginalThreshold <= passThreshold
            && passThreshold <= 100))
        {
            throw new InvalidRuleException("invalid canary thresholds: alpha=" + alpha + " pass=" + passThreshold
                + " marginal=" + marginalThreshold);
        }
    }
}
