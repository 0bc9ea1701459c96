package org.hicsim.monitor.rule;

/** What value a criterion computes from the samples in its window. */
public enum Aggregation
{
    /** Failures in an outcome stream (crashes, probe failures), counted by the criterion's {@link CountingMode}. */
    FAILURES,
    /**
     * Sum of the metric over sum of the denominator metric, both per-interval counts: a rate weighted by
     * requests (errors / requests), evaluated when a denominator sample closes an interval.
     */
    RATIO,
    /** Mean of the metric's samples. */
    MEAN,
    /** (mean of the watched instance - mean of the baseline instance) / mean of the baseline instance. */
    CHANGE_VS_BASELINE,
    /** Least-squares slope of the samples, per hour of virtual time (memory bytes give bytes an hour). */
    SLOPE_PER_HOUR
}
