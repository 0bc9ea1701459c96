package org.hicsim.monitor.rule;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.window.SampleWindow;

/**
 * The samples one criterion reads and the evaluation of it: the watched instance's series, a ratio's denominator
 * series, a baseline instance's series, and a probe's run of consecutive errors. Every evaluation first moves the
 * windows to its instant, then reads only the samples inside them.
 */
public final class CriterionState
{
    private final Criterion criterion;
    private final SampleWindow series;
    private final SampleWindow denominators;
    private final SampleWindow baseline;
    private int consecutiveErrors;
    /**
     * The first evaluation instant of the current unbroken run of evaluations whose value held against the
     * threshold (coverage and sample minimums aside), or {@link Evaluation#NOT_HELD}: one comparison an evaluation,
     * so it costs nothing in the window's length.
     */
    private long heldSinceNs = Evaluation.NOT_HELD;

    public CriterionState(final Criterion criterion)
    {
        this.criterion = criterion;
        this.series = new SampleWindow(criterion.windowNs());
        this.denominators = new SampleWindow(criterion.windowNs());
        this.baseline = new SampleWindow(criterion.windowNs());
    }

    public Criterion criterion()
    {
        return criterion;
    }

    /** Whether a sample of {@code metric} from the watched ({@code baselineRole} false) or baseline instance is read. */
    public boolean reads(final String metric, final boolean baselineRole)
    {
        if (baselineRole)
        {
            return criterion.aggregation() == Aggregation.CHANGE_VS_BASELINE && criterion.metric().equals(metric);
        }
        return criterion.metric().equals(metric) || metric.equals(criterion.denominator());
    }

    /** Whether such a sample can change this criterion's verdict, so that it is evaluated at it. */
    public boolean triggeredBy(final String metric, final boolean baselineRole)
    {
        return reads(metric, baselineRole) && (baselineRole || criterion.triggerMetric().equals(metric));
    }

    public void sample(final String metric, final boolean baselineRole, final long tNs, final double value)
    {
        if (baselineRole)
        {
            baseline.add(tNs, value);
            return;
        }
        if (metric.equals(criterion.denominator()))
        {
            denominators.add(tNs, value);
        }
        if (criterion.metric().equals(metric))
        {
            series.add(tNs, value);
            consecutiveErrors = 0;
        }
    }

    /** The probe feeding this criterion could not tell (timeout, no answer): not an observation. */
    public void probeError()
    {
        consecutiveErrors++;
    }

    public void clear()
    {
        series.clear();
        denominators.clear();
        baseline.clear();
        consecutiveErrors = 0;
        heldSinceNs = Evaluation.NOT_HELD;
    }

    public long samplesVisited()
    {
        return series.samplesVisited() + denominators.samplesVisited() + baseline.samplesVisited();
    }

    public Evaluation evaluate(final long tNs)
    {
        advance(series, tNs);
        advance(denominators, tNs);
        advance(baseline, tNs);
        final long leftEdgeNs = tNs - criterion.windowNs();
        return switch (criterion.aggregation())
        {
            case FAILURES -> failures(tNs, leftEdgeNs);
            case RATIO -> judge(tNs, leftEdgeNs, denominators.count(), ratio(), denominators);
            case MEAN -> judge(tNs, leftEdgeNs, series.count(), mean(series), series);
            case CHANGE_VS_BASELINE -> judge(
                tNs, leftEdgeNs, Math.min(series.count(), baseline.count()), change(), series);
            case SLOPE_PER_HOUR -> judge(tNs, leftEdgeNs, series.count(), series.slope(Simulation.HOURS), series);
        };
    }

    /** Carries the run of evaluations whose value held on to {@code tNs}, or ends it: its first instant. */
    private long held(final long tNs, final boolean holds)
    {
        if (!holds)
        {
            heldSinceNs = Evaluation.NOT_HELD;
        }
        else if (heldSinceNs == Evaluation.NOT_HELD)
        {
            heldSinceNs = tNs;
        }
        return heldSinceNs;
    }

    private Evaluation failures(final long tNs, final long leftEdgeNs)
    {
        final int failures = criterion.counting() == CountingMode.CUMULATIVE
            ? series.countNonZero() : series.trailingNonZero();
        final long valueMicros = Fixed6.of(failures);
        final boolean hit = criterion.operator().holds(valueMicros, Fixed6.of(criterion.threshold()));
        final int n = series.count();
        final Verdict verdict;
        if (hit)
        {
            verdict = Verdict.FAIL;
        }
        else if (criterion.errorLimit() > 0 && consecutiveErrors >= criterion.errorLimit())
        {
            verdict = Verdict.ERROR;
        }
        else if (n == 0 && !Criterion.CRASH.equals(criterion.metric()))
        {
            // a crash stream holds failures only, so an empty one is a clean record; a probe stream is not
            verdict = Verdict.NODATA;
        }
        else
        {
            verdict = Verdict.PASS;
        }
        return new Evaluation(criterion, verdict, valueMicros, hit, leftEdgeNs, tNs, n, held(tNs, hit));
    }

    private Evaluation judge(
        final long tNs, final long leftEdgeNs, final long n, final double value, final SampleWindow covering)
    {
        final long valueMicros = Fixed6.of(value);
        final boolean hit = valueMicros != Fixed6.NONE
            && criterion.operator().holds(valueMicros, Fixed6.of(criterion.threshold()));
        final Verdict verdict;
        if (n == 0)
        {
            verdict = Verdict.NODATA;
        }
        else if (n < criterion.minSamples() || valueMicros == Fixed6.NONE || !covered(covering, tNs))
        {
            verdict = Verdict.INCONCLUSIVE;
        }
        else
        {
            verdict = hit ? Verdict.FAIL : Verdict.PASS;
        }
        return new Evaluation(criterion, verdict, valueMicros, verdict == Verdict.FAIL, leftEdgeNs, tNs, n,
            held(tNs, hit));
    }

    /** Watched for a whole window: the series' first sample since the analysis began is at or before t-W. */
    private boolean covered(final SampleWindow covering, final long tNs)
    {
        return !criterion.requireCoverage()
            || (covering.firstSampleNs() != Long.MIN_VALUE && tNs - covering.firstSampleNs() >= criterion.windowNs());
    }

    private double ratio()
    {
        final double denominator = denominators.sum();
        return denominator == 0 ? Double.NaN : series.sum() / denominator;
    }

    private double change()
    {
        final double base = mean(baseline);
        return base == 0 ? Double.NaN : (mean(series) - base) / base;
    }

    private static double mean(final SampleWindow window)
    {
        return window.count() == 0 ? Double.NaN : window.sum() / window.count();
    }

    private static void advance(final SampleWindow window, final long tNs)
    {
        if (tNs > window.nowNs())
        {
            window.advanceTo(tNs);
        }
    }
}
