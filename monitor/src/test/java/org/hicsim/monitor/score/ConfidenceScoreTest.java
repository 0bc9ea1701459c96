package org.hicsim.monitor.score;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.rule.Aggregation;
import org.hicsim.monitor.rule.Criterion;
import org.hicsim.monitor.rule.Evaluation;
import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.rule.InvalidRuleException;
import org.hicsim.monitor.rule.Operator;
import org.hicsim.monitor.rule.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfidenceScoreTest
{
    private static Criterion metric(final String name)
    {
        return Criterion.of(name, name, Aggregation.MEAN, Operator.GT, 1, 60);
    }

    /** One component of weight 1 whose value is its own signal: the score is the value. */
    private static Explanation scoreOf(final double value)
    {
        final ConfidenceScore score = new ConfidenceScore(
            List.of(new ScoreComponent(metric("m"), 1.0, 0, 1)), ConfidenceScore.THRESHOLD_DEFAULT);
        final List<Explanation> records = score.explain(List.of(evaluation(metric("m"), value)), 0);
        return records.get(records.size() - 1);
    }

    private static Evaluation evaluation(final Criterion criterion, final double value)
    {
        return new Evaluation(criterion, Verdict.PASS, Fixed6.of(value), false, -60, 0, 10);
    }

    @Test
    void shouldNotRollBackAtAScoreBelowTheThreshold()
    {
        assertFalse(scoreOf(0.7999).hit());
    }

    @Test
    void shouldNotRollBackAtAScoreEqualToTheThresholdSinceTheOperatorIsGreaterThan()
    {
        final Explanation atThreshold = scoreOf(0.8);
        assertEquals(800_000, atThreshold.valueMicros());
        assertFalse(atThreshold.hit());
        assertEquals(">", atThreshold.operator().symbol());
    }

    @Test
    void shouldRollBackAtAScoreAboveTheThreshold()
    {
        assertTrue(scoreOf(0.8001).hit());
    }

    @Test
    void shouldSumContributionsExactly()
    {
        final ConfidenceScore score = new ConfidenceScore(List.of(
            new ScoreComponent(metric("a"), 0.5, 0, 1),
            new ScoreComponent(metric("b"), 0.3, 0, 1),
            new ScoreComponent(metric("c"), 0.2, 0, 1)), 0.8);
        final List<Explanation> records = score.explain(
            List.of(evaluation(metric("a"), 1), evaluation(metric("b"), 1), evaluation(metric("c"), 0)), 0);
        final Explanation total = records.get(3);
        assertEquals(800_000, total.valueMicros(), "0.5 + 0.3 is 0.8 exactly, not 0.7999999999999999");
        assertFalse(total.hit());
    }

    @Test
    void shouldRefuseWeightsThatDoNotSumToOne()
    {
        final InvalidRuleException refused = assertThrows(InvalidRuleException.class, () -> new ConfidenceScore(
            List.of(new ScoreComponent(metric("a"), 0.5, 0, 1), new ScoreComponent(metric("b"), 0.4, 0, 1)), 0.8));
        assertTrue(refused.getMessage().contains("sum=0.9"), refused.getMessage());
        assertTrue(refused.getMessage().contains("a=0.5,b=0.4"), refused.getMessage());
    }

    @Test
    void shouldRefuseANegativeWeight()
    {
        assertThrows(InvalidRuleException.class, () -> new ScoreComponent(metric("a"), -0.1, 0, 1));
    }

    @Test
    void shouldGiveNothingForAComponentThatCannotJudge()
    {
        final ConfidenceScore score = new ConfidenceScore(
            List.of(new ScoreComponent(metric("m"), 1.0, 0, 1)), 0.8);
        final Evaluation noData = new Evaluation(metric("m"), Verdict.NODATA, Fixed6.NONE, false, -60, 0, 0);
        final List<Explanation> records = score.explain(List.of(noData), 0);
        assertEquals(0, records.get(0).contributionMicros());
        assertEquals(Verdict.NODATA, records.get(1).verdict(), "no component judged: the score has no data");
        assertFalse(records.get(1).hit());
    }

    @Property(tries = 500)
    void scoreIsMonotoneInEachMetric(
        @ForAll @DoubleRange(min = -1, max = 2) final double a,
        @ForAll @DoubleRange(min = -1, max = 2) final double b,
        @ForAll @DoubleRange(min = 0, max = 1) final double raise)
    {
        final ConfidenceScore score = new ConfidenceScore(List.of(
            new ScoreComponent(metric("a"), 0.35, 0.01, 0.05),
            new ScoreComponent(metric("b"), 0.65, 0.95, 0.80)), 0.8);
        final long before = score.explain(List.of(evaluation(metric("a"), a), evaluation(metric("b"), b)), 0)
            .get(2).valueMicros();
        final long afterA = score.explain(List.of(evaluation(metric("a"), a + raise), evaluation(metric("b"), b)), 0)
            .get(2).valueMicros();
        final long afterB = score.explain(List.of(evaluation(metric("a"), a), evaluation(metric("b"), b - raise)), 0)
            .get(2).valueMicros();
        assertTrue(afterA >= before, "a worse error rate never lowers the score");
        assertTrue(afterB >= before, "a worse (lower) success rate never lowers the score");
    }
}
