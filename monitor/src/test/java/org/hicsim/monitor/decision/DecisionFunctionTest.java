package org.hicsim.monitor.decision;

import java.util.List;

import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.rule.NoDataPolicy;
import org.hicsim.monitor.rule.Operator;
import org.hicsim.monitor.rule.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecisionFunctionTest
{
    private static Explanation rule(final String name, final Verdict verdict, final NoDataPolicy noData,
        final Action action, final boolean critical)
    {
        final boolean hit = verdict == Verdict.FAIL;
        final long n = verdict == Verdict.NODATA ? 0 : 10;
        return new Explanation(Explanation.Kind.RULE, name, verdict, hit ? 2 * Fixed6.ONE : 0, Operator.GT,
            Fixed6.ONE, 0, 60, n, Fixed6.NONE, Fixed6.NONE, hit, critical, false, noData, action);
    }

    private static Explanation score(final long micros)
    {
        return new Explanation(Explanation.Kind.SCORE, "confidence", Verdict.PASS, micros, Operator.GT, 800_000, 60,
            60, 4, Fixed6.ONE, micros, micros > 800_000, false, false, NoDataPolicy.IGNORE, Action.ROLLBACK_FULL);
    }

    @Test
    void shouldPromoteWhenTheOnlyNoDataRuleIsIgnored()
    {
        assertEquals(Action.PROMOTE, DecisionFunction.decide(List.of(
            rule("a", Verdict.PASS, NoDataPolicy.INCONCLUSIVE, Action.ROLLBACK_FULL, false),
            rule("b", Verdict.NODATA, NoDataPolicy.IGNORE, Action.ROLLBACK_FULL, false)), true));
    }

    @Test
    void shouldPauseWhenEveryRuleHasNoDataWhateverItsPolicy()
    {
        assertEquals(Action.PAUSE, DecisionFunction.decide(List.of(
            rule("a", Verdict.NODATA, NoDataPolicy.IGNORE, Action.ROLLBACK_FULL, false),
            rule("b", Verdict.NODATA, NoDataPolicy.IGNORE, Action.ROLLBACK_FULL, false)), true));
    }

    @Test
    void shouldPauseOnNoDataUnderTheInconclusivePolicy()
    {
        assertEquals(Action.PAUSE, DecisionFunction.decide(List.of(
            rule("a", Verdict.PASS, NoDataPolicy.INCONCLUSIVE, Action.ROLLBACK_FULL, false),
            rule("b", Verdict.NODATA, NoDataPolicy.INCONCLUSIVE, Action.ROLLBACK_FULL, false)), true));
    }

    @Test
    void shouldActOnNoDataUnderTheFailPolicy()
    {
        assertEquals(Action.ROLLBACK_FULL, DecisionFunction.decide(List.of(
            rule("a", Verdict.PASS, NoDataPolicy.INCONCLUSIVE, Action.ALERT, false),
            rule("heartbeat", Verdict.NODATA, NoDataPolicy.FAIL, Action.ROLLBACK_FULL, false)), false));
    }

    @Test
    void shouldLetACriticalRuleActWhateverTheScore()
    {
        assertEquals(Action.ROLLBACK_FULL, DecisionFunction.decide(List.of(
            rule("critical", Verdict.FAIL, NoDataPolicy.INCONCLUSIVE, Action.ROLLBACK_FULL, true),
            score(100_000)), false));
    }

    @Test
    void shouldRollBackOnAScoreAboveTheThresholdWhenNoRuleIsHit()
    {
        assertEquals(Action.ROLLBACK_FULL, DecisionFunction.decide(List.of(
            rule("a", Verdict.PASS, NoDataPolicy.INCONCLUSIVE, Action.ROLLBACK_FULL, false),
            score(920_000)), false));
    }

    @Test
    void shouldTakeTheStrongestActionAmongHits()
    {
        assertEquals(Action.PAUSE, DecisionFunction.decide(List.of(
            rule("slow", Verdict.FAIL, NoDataPolicy.INCONCLUSIVE, Action.PREPARE_ROLLBACK, false),
            rule("migration", Verdict.FAIL, NoDataPolicy.INCONCLUSIVE, Action.PAUSE, false)), false));
    }

    @Test
    void shouldNotBlockPromotionOnAnAlertOnlyRule()
    {
        assertEquals(Action.PROMOTE, DecisionFunction.decide(List.of(
            rule("slow", Verdict.FAIL, NoDataPolicy.INCONCLUSIVE, Action.PREPARE_ROLLBACK, false)), true));
    }
}
