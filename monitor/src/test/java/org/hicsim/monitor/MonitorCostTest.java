package org.hicsim.monitor;

import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.matrix.DecisionMatrix;
import org.hicsim.monitor.rule.Criterion;
import org.hicsim.monitor.rule.Operator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Evaluation work is counted in samples touched: it follows the samples, never the window's virtual length. */
class MonitorCostTest
{
    private static MonitorPolicy dayLongWindow()
    {
        final Rule daily = new Rule(Criterion.ratio("rollback-window-24h", DecisionMatrix.ERRORS,
            DecisionMatrix.REQUESTS, Operator.GT, 0.05, 24 * Simulation.HOURS), Action.ROLLBACK_FULL, Priority.P0,
            Simulation.SECONDS, Rule.Phase.ALWAYS, "test");
        return MonitorPolicy.defaults().withRules(List.of(daily));
    }

    @Test
    void shouldDoNoEvaluationWorkForADayLongWindowWithoutTraffic()
    {
        final MonitorHarness h = MonitorHarness.serving(dayLongWindow(), ChangeKind.CODE);
        for (long t = 0; t <= 24 * Simulation.HOURS; t += Simulation.SECONDS)
        {
            h.monitor.tick(t);
        }
        assertEquals(0, h.monitor.samplesVisited(), "86,401 ticks over an empty day touch no sample");
    }

    @Test
    void shouldTouchEachSampleAFixedNumberOfTimesPerEvaluation()
    {
        final MonitorHarness h = MonitorHarness.serving(dayLongWindow().withScore(DecisionMatrix.defaultScore()),
            ChangeKind.CODE);
        h.traffic(Simulation.SECONDS, 1, 100);
        h.traffic(2 * Simulation.SECONDS, 1, 100);
        final long before = h.monitor.samplesVisited();
        h.monitor.tick(3 * 24 * Simulation.HOURS);
        final long work = h.monitor.samplesVisited() - before;
        assertEquals(2 * 2 + 2 * 2, work, "the rule and the error-rate component each evict 2 errors and 2 requests");
    }
}
