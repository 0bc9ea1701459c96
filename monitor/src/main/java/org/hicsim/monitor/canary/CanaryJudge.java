package org.hicsim.monitor.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.hicsim.monitor.rule.Fixed6;

/**
 * Judges an experiment (the new instance) against a control (the old one, same traffic) as Kayenta's NetflixACA
 * judge does: per metric, a two-sided Mann-Whitney U test and the effect (median ratio) against the metric's
 * tolerance, read in the metric's failing direction; per group, the share of judged metrics that passed; the score
 * is the weighted sum of the groups' shares (0-100). A failed critical metric fails the canary whatever the score.
 * Two more checks catch what a rank test cannot: a two-sample Kolmogorov-Smirnov test with a spread ratio (a
 * variance blow-up, or bimodal latency with the median unchanged), and non-zero values where the control had none.
 * <p>
 * The tests are Apache Commons Statistics'. Each p-value and ratio is rounded to micro-units before it is compared,
 * so the classification uses exactly the number the trace shows.
 */
public final class CanaryJudge
{
    /** Stands for "infinitely larger" in micro-units without overflowing them. */
    private static final double RATIO_UNBOUNDED = 1e9;
    /** How the reason of a canary failed by a critical metric begins (its score is 0). */
    public static final String CRITICAL_FAILED = "critical-metric-failed:";
    private static final Median MEDIAN = Median.withDefaults().withCopy(true);

    private final CanaryConfig config;
    private final long alphaMicros;
    private final MannWhitneyUTest mannWhitney = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED);
    private final KolmogorovSmirnovTest kolmogorovSmirnov = KolmogorovSmirnovTest.withDefaults();

    public CanaryJudge(final CanaryConfig config)
    {
        this.config = config;
        this.alphaMicros = Fixed6.of(config.alpha());
    }

    public CanaryReport judge(final Map<String, double[]> control, final Map<String, double[]> experiment)
    {
        final List<MetricResult> results = new ArrayList<>();
        final Map<String, int[]> passedAndJudgedByGroup = new TreeMap<>();
        String criticalFailure = null;
        for (final CanaryMetric metric : config.metrics())
        {
            final MetricResult result = judgeMetric(metric,
                control.getOrDefault(metric.name(), new double[0]),
                experiment.getOrDefault(metric.name(), new double[0]));
            results.add(result);
            final int[] counts = passedAndJudgedByGroup.computeIfAbsent(metric.group(), g -> new int[2]);
            if (result.classification() != Classification.NODATA)
            {
                counts[1]++;
                counts[0] += result.classification() == Classification.PASS ? 1 : 0;
            }
            if (metric.critical() && result.classification().failed() && criticalFailure == null)
            {
                criticalFailure = metric.name();
            }
        }
        long scoreMicros = 0;
        double weightJudged = 0;
        for (final Map.Entry<String, int[]> group : passedAndJudgedByGroup.entrySet())
        {
            final int[] counts = group.getValue();
            if (counts[1] > 0)
            {
                final double weight = config.groupWeights().get(group.getKey());
                weightJudged += weight;
                scoreMicros += Fixed6.of(weight * counts[0] / counts[1]);
            }
        }
        if (weightJudged == 0)
        {
            return new CanaryReport(0, CanaryReport.Verdict.NODATA, "no-metric-judged", results);
        }
        if (criticalFailure != null)
        {
            return new CanaryReport(0, CanaryReport.Verdict.FAIL, CRITICAL_FAILED + criticalFailure,
                results);
        }
        final CanaryReport.Verdict verdict = scoreMicros >= Fixed6.of(config.passThreshold())
            ? CanaryReport.Verdict.PASS
            : scoreMicros >= Fixed6.of(config.marginalThreshold()) ? CanaryReport.Verdict.MARGINAL
            : CanaryReport.Verdict.FAIL;
        return new CanaryReport(scoreMicros, verdict, "score", results);
    }

    private MetricResult judgeMetric(final CanaryMetric metric, final double[] control, final double[] experiment)
    {
        if (control.length < metric.samplesMin() || experiment.length < metric.samplesMin())
        {
            return new MetricResult(metric, Classification.NODATA, Fixed6.NONE, Fixed6.NONE, Fixed6.NONE, Fixed6.NONE,
                control.length, experiment.length);
        }
        final long mannWhitneyP = Fixed6.of(tiedIsNoDifference(mannWhitney.test(control, experiment).getPValue()));
        final long effect = Fixed6.of(ratio(MEDIAN.evaluate(experiment), MEDIAN.evaluate(control)));
        Classification classification = Classification.PASS;
        if (mannWhitneyP < alphaMicros)
        {
            final boolean high = effect > Fixed6.of(metric.allowedIncrease());
            final boolean low = effect < Fixed6.of(metric.allowedDecrease());
            if (high && metric.direction() != Direction.DECREASE)
            {
                classification = Classification.HIGH;
            }
            else if (low && metric.direction() != Direction.INCREASE)
            {
                classification = Classification.LOW;
            }
        }
        long ksP = Fixed6.NONE;
        long spread = Fixed6.NONE;
        if (classification == Classification.PASS && metric.spreadTolerance() > 0)
        {
            ksP = Fixed6.of(tiedIsNoDifference(kolmogorovSmirnov.test(control, experiment).getPValue()));
            spread = Fixed6.of(ratio(StandardDeviation.of(experiment).getAsDouble(), StandardDeviation.of(control).getAsDouble()));
            if (ksP < alphaMicros && spread > Fixed6.of(metric.spreadTolerance()))
            {
                classification = Classification.SPREAD;
            }
        }
        if (classification == Classification.PASS && metric.newNonZeroFails() && allZero(control)
            && !allZero(experiment))
        {
            classification = Classification.NEW_NONZERO;
        }
        return new MetricResult(metric, classification, mannWhitneyP, effect, ksP, spread, control.length,
            experiment.length);
    }

    /**
     * A test's p-value, 1 where it is NaN: the rank test has nothing to rank when every value of both sides is the
     * same (an error rate of 0 on both), which is no difference at all.
     */
    private static double tiedIsNoDifference(final double pValue)
    {
        return Double.isNaN(pValue) ? 1 : pValue;
    }

    /** a / b, with 0 / 0 = 1 (no change) and x / 0 = a large finite ratio so it stays printable. */
    private static double ratio(final double a, final double b)
    {
        if (b == 0)
        {
            return a == 0 ? 1 : Math.copySign(RATIO_UNBOUNDED, a);
        }
        return a / b;
    }

    private static boolean allZero(final double[] values)
    {
        for (final double value : values)
        {
            if (value != 0)
            {
                return false;
            }
        }
        return true;
    }
}
