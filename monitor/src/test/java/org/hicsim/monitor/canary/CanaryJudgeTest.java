package org.hicsim.monitor.canary;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.rule.InvalidRuleException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanaryJudgeTest
{
    private static final int N = 100;
    private static final String LATENCY = "latency_ms";
    private static final String ERRORS = "errors";
    private static final String THROUGHPUT = "throughput";

    private static double[] normal(final long seed, final double mean, final double sd)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] values = new double[N];
        for (int i = 0; i < N; i++)
        {
            values[i] = mean + sd * random.nextGaussian();
        }
        return values;
    }

    private static CanaryConfig config(final CanaryMetric latency)
    {
        return new CanaryConfig(List.of(latency,
            CanaryMetric.of(ERRORS, "errors", Direction.INCREASE).failingOnNewNonZero(),
            CanaryMetric.of(THROUGHPUT, "load", Direction.DECREASE).withEffectTolerance(1, 0.9)),
            Map.of("latency", 50.0, "errors", 30.0, "load", 20.0), CanaryConfig.ALPHA_DEFAULT, 95, 75);
    }

    private static CanaryMetric latency()
    {
        return CanaryMetric.of(LATENCY, "latency", Direction.INCREASE).withEffectTolerance(1.1, 0.5)
            .withSpreadTolerance(2);
    }

    private static Map<String, double[]> sides(final double[] latency, final double[] errors, final double[] tput)
    {
        return Map.of(LATENCY, latency, ERRORS, errors, THROUGHPUT, tput);
    }

    private static CanaryReport judge(final CanaryConfig config, final double[] newLatency, final double[] newErrors)
    {
        return new CanaryJudge(config).judge(
            sides(normal(1, 100, 5), new double[N], normal(3, 500, 10)),
            sides(newLatency, newErrors, normal(4, 500, 10)));
    }

    private static MetricResult result(final CanaryReport report, final String name)
    {
        return report.results().stream().filter(r -> r.metric().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldPassAnExperimentLikeTheControl()
    {
        final CanaryReport report = judge(config(latency()), normal(2, 100, 5), new double[N]);
        assertEquals(CanaryReport.Verdict.PASS, report.verdict(), report::toLine);
        assertEquals(100 * Fixed6.ONE, report.scoreMicros());
    }

    @Test
    void shouldFailLatencyThirtyPercentHigherBeyondItsTolerance()
    {
        final CanaryReport report = judge(config(latency()), normal(2, 130, 5), new double[N]);
        assertEquals(Classification.HIGH, result(report, LATENCY).classification());
        assertEquals(50 * Fixed6.ONE, report.scoreMicros(), "errors 30 + load 20");
        assertEquals(CanaryReport.Verdict.FAIL, report.verdict());
    }

    @Test
    void shouldPassASignificantShiftInsideTheEffectTolerance()
    {
        final CanaryReport report = judge(config(latency()), normal(2, 105, 5), new double[N]);
        final MetricResult latency = result(report, LATENCY);
        assertTrue(latency.mannWhitneyPMicros() < Fixed6.of(0.05), latency::toLine);
        assertEquals(Classification.PASS, latency.classification(), "5% up, 10% allowed");
    }

    @Test
    void shouldIgnoreAChangeInTheHarmlessDirection()
    {
        final CanaryReport report = judge(config(latency()), normal(2, 60, 3), new double[N]);
        assertEquals(Classification.PASS, result(report, LATENCY).classification(), "faster is not a failure");
    }

    @Test
    void shouldFailTheWholeCanaryOnACriticalMetricWhateverTheScore()
    {
        final CanaryReport report = judge(config(latency().asCritical()), normal(2, 130, 5), new double[N]);
        assertEquals(CanaryReport.Verdict.FAIL, report.verdict());
        assertEquals("critical-metric-failed:" + LATENCY, report.reason());
    }

    @Test
    void shouldBeMarginalBetweenTheThresholds()
    {
        final CanaryConfig config = new CanaryConfig(config(latency()).metrics(),
            Map.of("latency", 20.0, "errors", 40.0, "load", 40.0), CanaryConfig.ALPHA_DEFAULT, 95, 75);
        final CanaryReport report = judge(config, normal(2, 130, 5), new double[N]);
        assertEquals(80 * Fixed6.ONE, report.scoreMicros());
        assertEquals(CanaryReport.Verdict.MARGINAL, report.verdict());
    }

    @Test
    void shouldCatchAVarianceBlowUpWithTheMedianUnchanged()
    {
        final CanaryReport report = judge(config(latency()), normal(2, 100, 40), new double[N]);
        final MetricResult latency = result(report, LATENCY);
        assertTrue(latency.mannWhitneyPMicros() >= Fixed6.of(0.05), "the rank test sees nothing: " + latency.toLine());
        assertEquals(Classification.SPREAD, latency.classification(), latency::toLine);
    }

    @Test
    void shouldCatchBimodalLatencyWithTheMedianUnchanged()
    {
        final double[] bimodal = new double[N];
        final double[] low = normal(5, 50, 3);
        final double[] high = normal(6, 150, 3);
        for (int i = 0; i < N; i++)
        {
            bimodal[i] = i % 2 == 0 ? low[i] : high[i];
        }
        final MetricResult latency = result(judge(config(latency()), bimodal, new double[N]), LATENCY);
        assertTrue(latency.mannWhitneyPMicros() >= Fixed6.of(0.05), latency::toLine);
        assertEquals(Classification.SPREAD, latency.classification(), latency::toLine);
    }

    @Test
    void shouldFailRareErrorsWhereTheOldHadNone()
    {
        final double[] rare = new double[N];
        rare[17] = 1;
        rare[63] = 1;
        final MetricResult errors = result(judge(config(latency()), normal(2, 100, 5), rare), ERRORS);
        assertTrue(errors.mannWhitneyPMicros() >= Fixed6.of(0.05), errors::toLine);
        assertEquals(Classification.NEW_NONZERO, errors.classification());
    }

    @Test
    void shouldSayNoDataWhenNoMetricHasEnoughSamples()
    {
        final CanaryReport report = new CanaryJudge(config(latency())).judge(Map.of(), Map.of());
        assertEquals(CanaryReport.Verdict.NODATA, report.verdict());
    }

    @Test
    void shouldPrintRoundedNumbersTheSameWayEachRun()
    {
        final CanaryReport first = judge(config(latency()), normal(2, 104, 6), new double[N]);
        final CanaryReport second = judge(config(latency()), normal(2, 104, 6), new double[N]);
        assertEquals(result(first, LATENCY).toLine(), result(second, LATENCY).toLine());
        assertTrue(result(first, LATENCY).toLine().matches(".* mw_p=\\d+\\.\\d{6} .*"), result(first, LATENCY)::toLine);
    }

    @Test
    void shouldRefuseGroupWeightsThatDoNotSumToAHundred()
    {
        final InvalidRuleException refused = assertThrows(InvalidRuleException.class, () -> new CanaryConfig(
            config(latency()).metrics(), Map.of("latency", 50.0, "errors", 30.0, "load", 10.0), 0.05, 95, 75));
        assertTrue(refused.getMessage().contains("sum=90.0"), refused.getMessage());
    }
}
