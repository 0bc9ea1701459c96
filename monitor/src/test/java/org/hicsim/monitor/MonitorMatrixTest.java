package org.hicsim.monitor;

import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.matrix.DecisionMatrix;
import org.hicsim.monitor.matrix.FailureLevel;
import org.junit.jupiter.api.Test;

import static org.hicsim.monitor.MonitorHarness.MIN;
import static org.hicsim.monitor.MonitorHarness.NEW;
import static org.hicsim.monitor.MonitorHarness.OLD;
import static org.hicsim.monitor.MonitorHarness.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each row of table 4.2 and each level of table 4.1, decided at the event that makes it true. */
class MonitorMatrixTest
{
    @Test
    void shouldRollBackAtTheThirdCrashWithinFiveMinutesWithoutWaitingForATick()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.crash(NEW, 0);
        h.monitor.crash(NEW, 2 * MIN + 30 * S);
        assertTrue(h.decisions.isEmpty());
        h.monitor.crash(NEW, 5 * MIN - 1_000_000);
        final Decision rollback = h.last();
        assertEquals(Action.ROLLBACK_FULL, rollback.action());
        assertEquals(5 * MIN - 1_000_000, rollback.tNs(), "decided at the crash, not at the next tick");
        assertEquals(Decision.Trigger.EVENT, rollback.trigger());
        assertEquals("crashes-3-in-5m", rollback.reason());
        assertEquals(1, rollback.targetRevision());
        assertEquals(Stage.ROLLING_BACK, h.monitor.stage());
    }

    @Test
    void shouldNotRollBackWhenTheFirstCrashIsOnTheWindowsLeftEdge()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.crash(NEW, 0);
        h.monitor.crash(NEW, 5 * MIN + 2 * MIN + 30 * S);
        h.monitor.crash(NEW, 5 * MIN + 5 * MIN);
        assertTrue(h.acting(Action.ROLLBACK_FULL).isEmpty(), "(5:00, 10:00] holds two crashes");
    }

    @Test
    void shouldAbortOnACrashDuringStartUpAsLevelOne()
    {
        final MonitorHarness h = new MonitorHarness(MonitorPolicy.defaults());
        h.monitor.revision(2, ChangeKind.CODE, NEW, OLD, 0);
        h.monitor.crash(NEW, 3 * S);
        final Decision abort = h.last();
        assertEquals(Action.ROLLBACK_FULL, abort.action());
        assertEquals("startup-crash", abort.reason());
        assertEquals(3 * S + FailureLevel.L1.responseNs(), abort.deadlineNs(), "level 1 responds within 10 s");
        assertEquals(Priority.P0, abort.priority());
    }

    @Test
    void shouldRollBackOnAnErrorRateOnlyOnceTheTenMinuteWindowHolds()
    {
        final MonitorHarness h = MonitorHarness.serving();
        for (long t = 10 * S; t <= 12 * MIN; t += 10 * S)
        {
            h.traffic(t, 62, 1000);
        }
        final Decision rollback = h.acting(Action.ROLLBACK_FULL).get(0);
        assertEquals(10 * MIN + 10 * S, rollback.tNs(), "first sample at 0:10 covers the window at 10:10");
        assertEquals("error-rate-over-5pct-10m", rollback.reason());
        assertTrue(rollback.explanations().get(0).toLine().contains("value=0.062000"));
        assertEquals(1, h.acting(Action.ROLLBACK_FULL).size(), "decided once, then rolling back");
    }

    @Test
    void shouldRollBackAtOnceWhenTheCriticalFunctionFails()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.probe("critical", NEW, 5 * S, ProbeOutcome.OK);
        h.monitor.probe("critical", NEW, 10 * S, ProbeOutcome.FAIL);
        assertEquals(Action.ROLLBACK_FULL, h.last().action());
        assertEquals("critical-function-failed", h.last().reason());
        assertEquals(10 * S, h.last().tNs());
    }

    @Test
    void shouldPauseWhenTheCriticalProbeItselfKeepsFailing()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.probe("critical", NEW, 1 * S, ProbeOutcome.ERROR);
        h.monitor.probe("critical", NEW, 2 * S, ProbeOutcome.ERROR);
        assertTrue(h.decisions.isEmpty());
        h.monitor.probe("critical", NEW, 3 * S, ProbeOutcome.ERROR);
        assertEquals(Action.PAUSE, h.last().action());
        assertEquals("critical-function-failed:ERROR", h.last().reason());
    }

    private static void latency(final MonitorHarness h, final double newMs, final long untilNs)
    {
        for (long t = 10 * S; t <= untilNs; t += 10 * S)
        {
            h.monitor.sample(DecisionMatrix.LATENCY, OLD, t, 100);
            h.monitor.sample(DecisionMatrix.LATENCY, NEW, t, newMs);
        }
    }

    @Test
    void shouldAlertAndPrepareOnAThirtyFivePercentSlowdownOverFifteenMinutesButNotRollBack()
    {
        final MonitorHarness h = MonitorHarness.serving();
        latency(h, 135, 20 * MIN);
        assertEquals(1, h.acting(Action.PREPARE_ROLLBACK).size(), "raised once, on the edge");
        assertEquals(15 * MIN + 10 * S, h.acting(Action.PREPARE_ROLLBACK).get(0).tNs());
        assertTrue(h.decisions.stream().noneMatch(d -> d.action().isRollback()));
        assertEquals(1, h.acting(Action.LOG).size(), "the level-4 note came first, at 5:10");
    }

    @Test
    void shouldDoNothingButLogOnATwentyFivePercentSlowdown()
    {
        final MonitorHarness h = MonitorHarness.serving();
        latency(h, 125, 20 * MIN);
        assertTrue(h.acting(Action.PREPARE_ROLLBACK).isEmpty());
        assertTrue(h.decisions.stream().allMatch(d -> d.action() == Action.LOG));
    }

    @Test
    void shouldRollTheFailingWaveBackOnAFiftyFivePercentSlowdownAsLevelTwo()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.wave(3, 0);
        latency(h, 155, 6 * MIN);
        final Decision partial = h.acting(Action.ROLLBACK_PARTIAL).get(0);
        assertEquals(3, partial.wave());
        assertEquals("latency-up-50pct-5m", partial.reason());
        assertEquals(1, h.acting(Action.ROLLBACK_PARTIAL).size(), "a wave goes back once");
        assertEquals(Stage.PAUSED, h.monitor.stage(), "migration paused, the other waves stay on the new version");
    }

    @Test
    void shouldPauseAndWaitWhenMigrationSuccessFallsUnderEightyPercent()
    {
        final MonitorHarness h = MonitorHarness.serving();
        for (int i = 1; i <= 12; i++)
        {
            h.monitor.sample(DecisionMatrix.MIGRATED, NEW, i * MIN, 75);
            h.monitor.sample(DecisionMatrix.MIGRATIONS, NEW, i * MIN, 100);
        }
        assertEquals(Action.PAUSE, h.acting(Action.PAUSE).get(0).action());
        assertEquals("migration-success-under-80pct-30m", h.acting(Action.PAUSE).get(0).reason());
        assertEquals(Stage.PAUSED, h.monitor.stage());
        assertTrue(h.acting(Action.ROLLBACK_PARTIAL).isEmpty(), "no wave is running: level 2 only pauses");
    }

    @Test
    void shouldRetryASingleFailedConnectionAsLevelThree()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.sample(DecisionMatrix.MIGRATION_FAILED, NEW, 7 * S, 1);
        assertEquals(Action.RETRY_CONNECTION, h.last().action());
        assertEquals(7 * S + FailureLevel.L3.responseNs(), h.last().deadlineNs());
    }

    @Test
    void shouldAlertOnALeakRateAndKeepMonitoring()
    {
        final MonitorHarness h = MonitorHarness.serving();
        for (int minute = 0; minute <= 90; minute++)
        {
            h.monitor.sample(DecisionMatrix.MEMORY, NEW, minute * MIN, minute * 2.0 * 1024 * 1024);
        }
        assertEquals(1, h.acting(Action.ALERT).size());
        assertEquals(60 * MIN, h.acting(Action.ALERT).get(0).tNs(), "a rate over an hour, once the hour is covered");
        assertEquals(Stage.MONITORING, h.monitor.stage());
    }
}
