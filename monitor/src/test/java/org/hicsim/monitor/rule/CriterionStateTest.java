package org.hicsim.monitor.rule;

import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CriterionStateTest
{
    private static final long MS = Simulation.MILLIS;
    private static final long MIN = Simulation.MINUTES;
    private static final long S = Simulation.SECONDS;

    /** "3 crashes in 5 minutes" with crashes at {@code firstNs}, 2:30 and 4:59.999. */
    private static CriterionState crashesFrom(final long firstNs)
    {
        final CriterionState state = new CriterionState(
            Criterion.failures("crashes-3-in-5m", Criterion.CRASH, 3, 5 * MIN));
        state.sample(Criterion.CRASH, false, firstNs, 1);
        state.sample(Criterion.CRASH, false, 2 * MIN + 30 * S, 1);
        state.sample(Criterion.CRASH, false, 5 * MIN - MS, 1);
        return state;
    }

    @Test
    void shouldFireThreeCrashesInFiveMinutesAtTheThirdCrash()
    {
        final CriterionState state = crashesFrom(0);
        final Evaluation at = state.evaluate(5 * MIN - MS);
        assertEquals(Verdict.FAIL, at.verdict());
        assertEquals(3, at.n());
        assertEquals(-MS, at.leftEdgeNs(), "the window is (4:59.999 - 5:00, 4:59.999]");
    }

    @Test
    void shouldNotFireWhenTheFirstCrashSitsOnTheExcludedLeftEdge()
    {
        final CriterionState state = crashesFrom(-MS);
        final Evaluation at = state.evaluate(5 * MIN - MS);
        assertEquals(Verdict.PASS, at.verdict());
        assertEquals(2, at.n(), "(-0:00.001, 4:59.999] excludes the crash at -0:00.001");
    }

    @Test
    void shouldStopFiringOnceTheOldestCrashLeavesTheWindow()
    {
        final CriterionState state = crashesFrom(0);
        assertEquals(Verdict.FAIL, state.evaluate(5 * MIN - 1).verdict());
        assertEquals(Verdict.PASS, state.evaluate(5 * MIN).verdict(), "at 5:00 the crash at 0:00 is on the edge");
    }

    /** A minute's requests and errors, evaluated at the minute's end as the Monitor does at each health check. */
    private static Evaluation minute(final CriterionState state, final long endNs, final long errors)
    {
        state.sample("errors", false, endNs, errors);
        state.sample("requests", false, endNs, 100);
        return state.evaluate(endNs);
    }

    @Test
    void shouldTellSinceWhenTheRateHasBeenAboveItsThresholdWithoutABreak()
    {
        final CriterionState state = new CriterionState(
            Criterion.ratio("error-rate", "errors", "requests", Operator.GT, 0.05, 10 * MIN));
        assertEquals(Evaluation.NOT_HELD, minute(state, MIN, 0).heldSinceNs());
        assertEquals(2 * MIN, minute(state, 2 * MIN, 12).heldSinceNs(), "12 of 200: 6%, above from here");
        assertEquals(2 * MIN, minute(state, 3 * MIN, 6).heldSinceNs(), "18 of 300: still above");
        assertEquals(Evaluation.NOT_HELD, minute(state, 4 * MIN, 0).heldSinceNs(), "18 of 400: 4.5%, a break");
        minute(state, 5 * MIN, 12);
        final Evaluation last = minute(state, 9 * MIN, 30);

        assertEquals(5 * MIN, last.heldSinceNs(), "30 of 500 at 5:00: above again, since then");
        assertEquals(4 * MIN, last.heldForNs());
    }

    @Test
    void shouldForgetSinceWhenTheValueHeldWhenCleared()
    {
        final CriterionState state = new CriterionState(
            Criterion.ratio("error-rate", "errors", "requests", Operator.GT, 0.05, 10 * MIN));
        minute(state, MIN, 50);
        state.clear();

        assertEquals(2 * MIN, minute(state, 2 * MIN, 50).heldSinceNs(), "a fresh analysis starts its own run");
    }

    private static Evaluation failFailSuccessFail(final CountingMode mode)
    {
        final CriterionState state = new CriterionState(
            Criterion.failures("health", "probe:health", 3, 10 * MIN).withCounting(mode));
        final double[] outcomes = {1, 1, 0, 1};
        Evaluation last = null;
        for (int i = 0; i < outcomes.length; i++)
        {
            state.sample("probe:health", false, i * S, outcomes[i]);
            last = state.evaluate(i * S);
            if (i < outcomes.length - 1)
            {
                assertFalse(last.hit(), "nothing fires before the fourth outcome in either mode");
            }
        }
        return last;
    }

    @Test
    void shouldFireCumulativeLimitThreeOnTheThirdFailure()
    {
        final Evaluation last = failFailSuccessFail(CountingMode.CUMULATIVE);
        assertTrue(last.hit());
        assertEquals(3 * Fixed6.ONE, last.valueMicros());
    }

    @Test
    void shouldNotFireConsecutiveLimitThreeWhenASuccessBrokeTheRun()
    {
        final Evaluation last = failFailSuccessFail(CountingMode.CONSECUTIVE);
        assertFalse(last.hit());
        assertEquals(Fixed6.ONE, last.valueMicros(), "the run after the success is one failure long");
    }

    @Test
    void shouldBeCumulativeByDefault()
    {
        assertEquals(CountingMode.CUMULATIVE, Criterion.failures("x", Criterion.CRASH, 3, MIN).counting());
    }

    @Test
    void shouldSayNoDataForAnEmptyWindowAndInconclusiveForTooFewSamples()
    {
        final CriterionState state = new CriterionState(
            Criterion.of("latency", "latency_ms", Aggregation.MEAN, Operator.GT, 100, MIN).withMinSamples(3));
        assertEquals(Verdict.NODATA, state.evaluate(0).verdict());
        state.sample("latency_ms", false, S, 500);
        state.sample("latency_ms", false, 2 * S, 500);
        assertEquals(Verdict.INCONCLUSIVE, state.evaluate(2 * S).verdict());
        state.sample("latency_ms", false, 3 * S, 500);
        assertEquals(Verdict.FAIL, state.evaluate(3 * S).verdict());
    }

    @Test
    void shouldSayErrorOnceTheProbeFailedItsOwnConsecutiveLimit()
    {
        final CriterionState state = new CriterionState(
            Criterion.failures("critical", "probe:critical", 1, Criterion.IMMEDIATE_NS).withErrorLimit(3));
        state.sample("probe:critical", false, 0, 0);
        state.probeError();
        state.probeError();
        assertEquals(Verdict.NODATA, state.evaluate(S).verdict(), "two errors: below the limit");
        state.probeError();
        assertEquals(Verdict.ERROR, state.evaluate(2 * S).verdict());
        state.sample("probe:critical", false, 3 * S, 0);
        assertEquals(Verdict.PASS, state.evaluate(3 * S).verdict(), "an answer resets the error run");
    }

    @Test
    void shouldNotJudgeAnErrorRateUntilItsWindowIsCovered()
    {
        final CriterionState state = new CriterionState(Criterion.ratio("error-rate", "errors", "requests",
            Operator.GT, 0.05, 10 * MIN).withCoverageRequired());
        Evaluation last = null;
        for (long t = 10 * S; t <= 10 * MIN + 10 * S; t += 10 * S)
        {
            state.sample("errors", false, t, 62);
            state.sample("requests", false, t, 1000);
            last = state.evaluate(t);
            if (t < 10 * MIN + 10 * S)
            {
                assertEquals(Verdict.INCONCLUSIVE, last.verdict(), "t=" + t);
            }
        }
        assertEquals(Verdict.FAIL, last.verdict(), "covered at 10:10, first sample at 0:10");
        assertEquals(62_000, last.valueMicros(), "6.2% requests-weighted");
        assertEquals(60, last.n());
    }

    @Test
    void shouldWeightTheRateByRequests()
    {
        final CriterionState state = new CriterionState(
            Criterion.ratio("error-rate", "errors", "requests", Operator.GT, 0.05, 10 * MIN));
        state.sample("errors", false, S, 10);
        state.sample("requests", false, S, 100);
        state.sample("errors", false, 2 * S, 0);
        state.sample("requests", false, 2 * S, 900);
        final Evaluation at = state.evaluate(2 * S);
        assertEquals(10_000, at.valueMicros(), "10 / 1000, not the mean of 10% and 0%");
        assertEquals(Verdict.PASS, at.verdict());
    }

    @Test
    void shouldMeasureALeakAsARateFromMemorySamples()
    {
        final CriterionState state = new CriterionState(Criterion.of("leak", "memory_bytes",
            Aggregation.SLOPE_PER_HOUR, Operator.GT, 100.0 * 1024 * 1024, Simulation.HOURS));
        for (int minute = 0; minute <= 30; minute++)
        {
            state.sample("memory_bytes", false, minute * MIN, 64.0 * 1024 * 1024 + minute * 2.0 * 1024 * 1024);
        }
        final Evaluation at = state.evaluate(30 * MIN);
        assertEquals(120.0 * 1024 * 1024, Fixed6.toDouble(at.valueMicros()), 1e-3);
        assertEquals(Verdict.FAIL, at.verdict());
    }

    @Test
    void shouldCompareWithTheBaselineInstance()
    {
        final CriterionState state = new CriterionState(Criterion.of("slower", "latency_ms",
            Aggregation.CHANGE_VS_BASELINE, Operator.GT, 0.30, 15 * MIN));
        state.sample("latency_ms", true, S, 100);
        state.sample("latency_ms", false, S, 135);
        final Evaluation at = state.evaluate(S);
        assertEquals(350_000, at.valueMicros());
        assertEquals(Verdict.FAIL, at.verdict());
    }

    @Test
    void shouldRefuseACriterionWithoutAPositiveWindowNamingTheField()
    {
        final InvalidRuleException refused = assertThrows(InvalidRuleException.class,
            () -> Criterion.failures("x", Criterion.CRASH, 3, 0));
        assertTrue(refused.getMessage().contains("windowNs=0"), refused.getMessage());
    }
}
