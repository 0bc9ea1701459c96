package org.hicsim.monitor.rule;

import org.hicsim.core0.sim.Simulation;

/**
 * One rule the Monitor checks: a value computed over the half-open window (t-W, t] of virtual time, compared
 * with a threshold by an operator. Built with {@link #of} and refined with the {@code with*} methods; invalid
 * combinations are refused when built, naming the offending field.
 *
 * @param name           the rule's name in decisions and explanation records (no spaces).
 * @param metric         the series read: a sample metric, {@code crash}, or {@code probe:CHECK}.
 * @param denominator    for {@link Aggregation#RATIO}, the metric divided by; otherwise null.
 * @param windowNs       W, the window's length; {@link #IMMEDIATE_NS} holds only the events of the instant t.
 * @param minSamples     fewer samples than this in the window give INCONCLUSIVE (not counted for FAILURES).
 * @param requireCoverage FAIL only once the series has been watched for a whole window (see docs).
 * @param errorLimit     consecutive probe ERRORs that make the verdict ERROR (probe criteria only, else 0).
 * @param critical       a FAIL vetoes the confidence score and acts whatever it says.
 * @param dryRun         evaluated and reported, never acted on.
 */
public record Criterion(
    String name,
    String metric,
    String denominator,
    Aggregation aggregation,
    Operator operator,
    double threshold,
    long windowNs,
    int minSamples,
    NoDataPolicy noData,
    CountingMode counting,
    boolean requireCoverage,
    int errorLimit,
    boolean critical,
    boolean dryRun)
{
    /** A window of one nanosecond: (t-1 ns, t] holds only what happened at the instant t. */
    public static final long IMMEDIATE_NS = 1;
    /** The longest window a criterion may name: keeps t-W far from overflow and says what "long" means. */
    public static final long WINDOW_NS_MAX = 31 * 24 * Simulation.HOURS;
    public static final String CRASH = "crash";
    public static final String PROBE_PREFIX = "probe:";

    public Criterion
    {
        require(name != null && !name.isEmpty() && name.indexOf(' ') < 0, "name", name);
        require(metric != null && !metric.isEmpty() && metric.indexOf(' ') < 0, "metric", metric);
        require(aggregation != null && operator != null && noData != null && counting != null, "aggregation", name);
        require((aggregation == Aggregation.RATIO) == (denominator != null), "denominator", denominator);
        require(Double.isFinite(threshold), "threshold", threshold);
        require(windowNs >= IMMEDIATE_NS && windowNs <= WINDOW_NS_MAX, "windowNs", windowNs);
        require(minSamples >= (aggregation == Aggregation.SLOPE_PER_HOUR ? 2 : 1), "minSamples", minSamples);
        require(errorLimit >= 0 && (errorLimit == 0 || metric.startsWith(PROBE_PREFIX)), "errorLimit", errorLimit);
    }

    public static Criterion of(
        final String name,
        final String metric,
        final Aggregation aggregation,
        final Operator operator,
        final double threshold,
        final long windowNs)
    {
        return new Criterion(name, metric, null, aggregation, operator, threshold, windowNs,
            aggregation == Aggregation.SLOPE_PER_HOUR ? 2 : 1, NoDataPolicy.INCONCLUSIVE, CountingMode.CUMULATIVE,
            false, 0, false, false);
    }

    /** A count of failures in an outcome stream, hit on the {@code limit}th failure (count &gt;= limit). */
    public static Criterion failures(final String name, final String stream, final int limit, final long windowNs)
    {
        require(limit >= 1, "limit", limit);
        return of(name, stream, Aggregation.FAILURES, Operator.GE, limit, windowNs);
    }

    /** A requests-weighted rate: sum(metric) / sum(denominator) over the window. */
    public static Criterion ratio(
        final String name,
        final String metric,
        final String denominator,
        final Operator operator,
        final double threshold,
        final long windowNs)
    {
        return new Criterion(name, metric, denominator, Aggregation.RATIO, operator, threshold, windowNs, 1,
            NoDataPolicy.INCONCLUSIVE, CountingMode.CUMULATIVE, false, 0, false, false);
    }

    public Criterion withMinSamples(final int samples)
    {
        return new Criterion(name, metric, denominator, aggregation, operator, threshold, windowNs, samples, noData,
            counting, requireCoverage, errorLimit, critical, dryRun);
    }

    public Criterion withNoData(final NoDataPolicy policy)
    {
        return new Criterion(name, metric, denominator, aggregation, operator, threshold, windowNs, minSamples,
            policy, counting, requireCoverage, errorLimit, critical, dryRun);
    }

    public Criterion withCounting(final CountingMode mode)
    {
        return new Criterion(name, metric, denominator, aggregation, operator, threshold, windowNs, minSamples,
            noData, mode, requireCoverage, errorLimit, critical, dryRun);
    }

    public Criterion withCoverageRequired()
    {
        return new Criterion(name, metric, denominator, aggregation, operator, threshold, windowNs, minSamples,
            noData, counting, true, errorLimit, critical, dryRun);
    }

    public Criterion withErrorLimit(final int limit)
    {
        return new Criterion(name, metric, denominator, aggregation, operator, threshold, windowNs, minSamples,
            noData, counting, requireCoverage, limit, critical, dryRun);
    }

    public Criterion asCritical()
    {
        return new Criterion(name, metric, denominator, aggregation, operator, threshold, windowNs, minSamples,
            noData, counting, requireCoverage, errorLimit, true, dryRun);
    }

    public Criterion asDryRun()
    {
        return new Criterion(name, metric, denominator, aggregation, operator, threshold, windowNs, minSamples,
            noData, counting, requireCoverage, errorLimit, critical, true);
    }

    /** The metric whose arrival can make this criterion true: the denominator closes a ratio's interval. */
    public String triggerMetric()
    {
        return aggregation == Aggregation.RATIO ? denominator : metric;
    }

    private static void require(final boolean condition, final String field, final Object value)
    {
        if (!condition)
        {
            throw new InvalidRuleException("invalid criterion: " + field + "=" + value);
        }
    }
}
