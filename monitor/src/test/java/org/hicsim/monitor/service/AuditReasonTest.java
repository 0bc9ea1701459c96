package org.hicsim.monitor.service;

import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.rule.Evaluation;
import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.rule.NoDataPolicy;
import org.hicsim.monitor.rule.Operator;
import org.hicsim.monitor.rule.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit reason words what the deciding rule saw as the HIC document does: rate, then how long. */
class AuditReasonTest
{
    private static final long S = Simulation.SECONDS;
    private static final long MIN = Simulation.MINUTES;

    private static Decision decided(final String rule, final long valueMicros, final long thresholdMicros,
        final long windowNs, final long heldSinceNs)
    {
        final long tNs = 14 * MIN;
        return new Decision(1, tNs, Decision.Trigger.TICK, 1, Action.ROLLBACK_FULL, Action.ROLLBACK_FULL,
            Decision.Status.ACT, tNs + 10 * S, Priority.P0, Rule.NO_LEVEL, Decision.NO_WAVE, 0, rule, List.of(
                new Explanation(Explanation.Kind.RULE, rule, Verdict.FAIL, valueMicros, Operator.GT, thresholdMicros,
                    tNs - windowNs, tNs, 120, Fixed6.NONE, Fixed6.NONE, true, true, false, NoDataPolicy.INCONCLUSIVE,
                    Action.ROLLBACK_FULL, heldSinceNs)));
    }

    @Test
    void shouldNameTheRateOverTheWindowAndHowLongItHasBeenAboveTheThreshold()
    {
        final Decision decision = decided("error-rate-over-5pct-10m", 62_000, 50_000, 10 * MIN, 2 * MIN);

        assertEquals("error-rate-over-5pct-10m: error rate 6.2% for 12 minutes (value=0.062000>0.050000,"
            + " window=600s, n=120)", MonitorService.auditReason(decision));
    }

    @Test
    void shouldSayTheDurationToTheSecondAndTheRateToATenthOfAPercent()
    {
        final Decision decision = decided("error-rate-over-5pct-10m", 62_726, 50_000, 10 * MIN, 6 * MIN + 50 * S);

        assertEquals("error-rate-over-5pct-10m: error rate 6.3% for 7 minutes 10 seconds (value=0.062726>0.050000,"
            + " window=600s, n=120)", MonitorService.auditReason(decision));
    }

    @Test
    void shouldLeaveTheDurationOutForARecordThatDoesNotSayIt()
    {
        final Decision decision = decided("canary-fail", 50 * Fixed6.ONE, 75 * Fixed6.ONE, MIN, Evaluation.NOT_HELD);

        assertEquals("canary-fail: canary-fail 50.000000 (value=50.000000>75.000000, window=60s, n=120)",
            MonitorService.auditReason(decision));
    }

    @Test
    void shouldCountFailuresWithinTheWindowRatherThanADuration()
    {
        final Decision decision = decided("crashes-3-in-5m", 3 * Fixed6.ONE, 3 * Fixed6.ONE, 5 * MIN, 14 * MIN);

        assertEquals("crashes-3-in-5m: crash 3 times within 5 minutes (value=3.000000>3.000000, window=300s,"
            + " n=120)", MonitorService.auditReason(decision));
    }
}
