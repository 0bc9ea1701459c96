package org.hicsim.monitor.canary;

import java.util.List;
import java.util.Map;

import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.DecisionFunction;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.decision.Replay;
import org.hicsim.monitor.rule.Fixed6;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A canary report's records decide what its verdict says, replay to the same action (so each record agrees with
 * itself and the score is the exact sum of the contributions), for every verdict.
 */
class CanaryExplanationsTest
{
    private static final double THIRD = 100.0 / 3;
    /** Three groups of a third each: the groups' rounded shares do not add up to 100 exactly. */
    private static final CanaryConfig CONFIG = new CanaryConfig(List.of(
        CanaryMetric.of("p50", "latency", Direction.INCREASE).withEffectTolerance(1.1, 1),
        CanaryMetric.of("p99", "latency", Direction.INCREASE).withEffectTolerance(1.1, 1),
        CanaryMetric.of("errors", "errors", Direction.INCREASE).failingOnNewNonZero(),
        CanaryMetric.of("throughput", "load", Direction.EITHER).withEffectTolerance(1.5, 0.5)),
        Map.of("latency", THIRD, "errors", THIRD, "load", THIRD), CanaryConfig.ALPHA_DEFAULT, 95, 60);

    /** 20 values from {@code start}, {@code step} apart. */
    private static double[] ramp(final double start, final double step)
    {
        final double[] values = new double[20];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = start + i * step;
        }
        return values;
    }

    private static Map<String, double[]> side(final double p50, final double p99, final double errors)
    {
        return Map.of("p50", ramp(p50, 1), "p99", ramp(p99, 1), "errors", ramp(errors, 0),
            "throughput", ramp(500, 2));
    }

    private static Action decided(final CanaryReport report, final CanaryReport.Verdict verdict)
    {
        assertEquals(verdict, report.verdict(), report::toLine);
        final List<Explanation> records = CanaryExplanations.of(CONFIG, report, 0, 1);
        final Action action = DecisionFunction.decide(records, true);
        assertEquals(action, Replay.decide(records.stream().map(Explanation::toLine).toList(), true));
        return action;
    }

    private static CanaryReport judge(final Map<String, double[]> experiment)
    {
        return new CanaryJudge(CONFIG).judge(side(100, 200, 0), experiment);
    }

    @Test
    void shouldPromoteAPassEvenWithScoreSharesThatRoundBelowAHundred()
    {
        final CanaryReport report = judge(side(100, 200, 0));
        assertEquals(Action.PROMOTE, decided(report, CanaryReport.Verdict.PASS));
        assertEquals(3 * Fixed6.of(THIRD), report.scoreMicros());
    }

    @Test
    void shouldPauseAMarginalCanaryWhoseTailAloneIsSlower()
    {
        assertEquals(CanaryExplanations.MARGINAL_ACTION, decided(judge(side(100, 400, 0)),
            CanaryReport.Verdict.MARGINAL));
    }

    @Test
    void shouldRollBackAFailedCanary()
    {
        assertEquals(Action.ROLLBACK_FULL, decided(judge(side(150, 400, 1)), CanaryReport.Verdict.FAIL));
    }

    @Test
    void shouldRollBackACriticalFailureWithEveryContributionZero()
    {
        final CanaryConfig critical = new CanaryConfig(List.of(CONFIG.metrics().get(0).asCritical(),
            CONFIG.metrics().get(1), CONFIG.metrics().get(2), CONFIG.metrics().get(3)), CONFIG.groupWeights(),
            CONFIG.alpha(), CONFIG.passThreshold(), CONFIG.marginalThreshold());
        final CanaryReport report = new CanaryJudge(critical).judge(side(100, 200, 0), side(150, 200, 0));
        assertEquals(CanaryReport.Verdict.FAIL, report.verdict());
        final List<Explanation> records = CanaryExplanations.of(critical, report, 0, 1);
        assertEquals(0, records.stream().filter(record -> record.kind() == Explanation.Kind.COMPONENT)
            .mapToLong(Explanation::contributionMicros).sum());
        assertEquals(Action.ROLLBACK_FULL, Replay.decide(records.stream().map(Explanation::toLine).toList(), true));
    }

    @Test
    void shouldPauseWhenNoMetricCouldBeJudged()
    {
        final CanaryReport report = new CanaryJudge(CONFIG).judge(Map.of(), Map.of());
        assertEquals(Action.PAUSE, decided(report, CanaryReport.Verdict.NODATA));
    }
}
