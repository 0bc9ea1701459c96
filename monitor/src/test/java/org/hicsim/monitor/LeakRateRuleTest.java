package org.hicsim.monitor;

import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.matrix.DecisionMatrix;
import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.rule.Operator;
import org.junit.jupiter.api.Test;

import static org.hicsim.monitor.MonitorHarness.MIN;
import static org.hicsim.monitor.MonitorHarness.NEW;
import static org.hicsim.monitor.MonitorHarness.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Table 4.2's row 6: memory growing faster than 100 MiB an hour, as a least-squares rate over the hour of memory
 * samples (the memory Core-0 counts in use, read every health check), raises a P2 alert and keeps monitoring.
 */
class LeakRateRuleTest
{
    private static final long HEALTH_CHECK_NS = 5 * S;
    private static final double MIB = 1024.0 * 1024;
    private static final double BASE_BYTES = 64 * MIB;

    @Test
    void shouldNotAlertOnGrowthJustBelowOneHundredMiBAnHour()
    {
        final MonitorHarness h = grownAt(BASE_BYTES, DecisionMatrix.LEAK_BYTES_PER_HOUR - 0.01 * MIB, 0, 90 * MIN);

        assertTrue(h.acting(Action.ALERT).isEmpty(), h.decisions.toString());
    }

    @Test
    void shouldAlertOnGrowthJustAboveOneHundredMiBAnHourOnceTheHourIsCoveredAndKeepMonitoring()
    {
        final double rate = DecisionMatrix.LEAK_BYTES_PER_HOUR + 0.01 * MIB;
        final MonitorHarness h = grownAt(BASE_BYTES, rate, 0, 90 * MIN);

        assertEquals(1, h.acting(Action.ALERT).size(), "raised once, not at every sample");
        final Decision alert = h.acting(Action.ALERT).get(0);
        assertEquals(60 * MIN, alert.tNs(), "once the hour from the first sample is covered");
        assertEquals(Priority.P2, alert.priority());
        assertEquals("leak-over-100MiB-per-hour", alert.reason());
        final Explanation record = leakRecord(alert);
        assertEquals(Fixed6.of(rate), record.valueMicros(), 1, "the rate, bytes an hour");
        assertEquals(Operator.GT, record.operator());
        assertEquals(Fixed6.of(DecisionMatrix.LEAK_BYTES_PER_HOUR), record.thresholdMicros());
        assertEquals(0, record.leftEdgeNs(), "the hour (0, 60 min]");
        assertEquals(60 * MIN, record.rightEdgeNs());
        assertEquals(Stage.MONITORING, h.monitor.stage());
        assertTrue(h.decisions.stream().noneMatch(d -> d.action().isRollback()), h.decisions.toString());
    }

    @Test
    void shouldAlertOnTheRateNotOnHowMuchMemoryIsInUse()
    {
        final MonitorHarness h = grownAt(100 * BASE_BYTES, 0, 0, 90 * MIN);

        assertTrue(h.acting(Action.ALERT).isEmpty(), "a large but flat figure is no leak: " + h.decisions);
    }

    @Test
    void shouldAlertOnALeakThatBeganLateOnlyOnceTheHoursRateCrossesTheThreshold()
    {
        final MonitorHarness h = grownAt(BASE_BYTES, 1.5 * DecisionMatrix.LEAK_BYTES_PER_HOUR, 30 * MIN, 120 * MIN);

        final Decision alert = h.acting(Action.ALERT).get(0);
        assertTrue(alert.tNs() > 60 * MIN && alert.tNs() < 90 * MIN,
            "after the hour was covered, while the leak's share of the window grew: " + alert.tNs());
        assertTrue(leakRecord(alert).valueMicros() > Fixed6.of(DecisionMatrix.LEAK_BYTES_PER_HOUR));
        assertTrue(leakRecord(alert).leftEdgeNs() < 30 * MIN, "the window holds the moment the leak began");
    }

    /**
     * Memory samples every health check from 0 to {@code untilNs}: flat at {@code baseBytes} until {@code fromNs},
     * then growing at {@code bytesPerHour}.
     */
    private static MonitorHarness grownAt(
        final double baseBytes, final double bytesPerHour, final long fromNs, final long untilNs)
    {
        final MonitorHarness h = MonitorHarness.serving();
        for (long t = 0; t <= untilNs; t += HEALTH_CHECK_NS)
        {
            final double hours = Math.max(0, t - fromNs) / (double)(60 * MIN);
            h.monitor.sample(DecisionMatrix.MEMORY, NEW, t, baseBytes + bytesPerHour * hours);
        }
        return h;
    }

    private static Explanation leakRecord(final Decision decision)
    {
        return decision.explanations().stream()
            .filter(record -> record.rule().equals("leak-over-100MiB-per-hour")).findFirst().orElseThrow();
    }
}
