package org.hicsim.monitor.canary;

import org.hicsim.monitor.rule.Fixed6;

/**
 * One metric's judgement, each number in micro-units as it reaches the trace: the Mann-Whitney U p-value, the
 * effect (the experiment's median over the control's), the Kolmogorov-Smirnov p-value and the ratio of standard
 * deviations ({@link Fixed6#NONE} where not computed), and the sample counts.
 */
public record MetricResult(
    CanaryMetric metric,
    Classification classification,
    long mannWhitneyPMicros,
    long effectMicros,
    long ksPMicros,
    long spreadMicros,
    int controlN,
    int experimentN)
{
    public String toLine()
    {
        return "canary-metric name=" + metric.name() + " group=" + metric.group() + " class=" + classification
            + " critical=" + metric.critical() + " mw_p=" + Fixed6.format(mannWhitneyPMicros)
            + " effect=" + Fixed6.format(effectMicros) + " ks_p=" + Fixed6.format(ksPMicros)
            + " spread=" + Fixed6.format(spreadMicros) + " n_control=" + controlN + " n_experiment=" + experimentN;
    }
}
