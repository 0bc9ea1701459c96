package org.hicsim.monitor;

import java.util.List;

import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.matrix.DecisionMatrix;
import org.hicsim.monitor.rule.Criterion;
import org.hicsim.monitor.rule.Operator;
import org.junit.jupiter.api.Test;

import static org.hicsim.monitor.MonitorHarness.MIN;
import static org.hicsim.monitor.MonitorHarness.NEW;
import static org.hicsim.monitor.MonitorHarness.OLD;
import static org.hicsim.monitor.MonitorHarness.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pauses, confirmations, deadlines, revisions, fast undo and dry runs. */
class MonitorLifecycleTest
{
    private static MonitorHarness inconclusiveAtGate(final MonitorPolicy policy)
    {
        final MonitorHarness h = MonitorHarness.serving(policy, ChangeKind.CODE);
        h.traffic(10 * S, 1, 1000);
        h.monitor.gate(2, 20 * S);
        return h;
    }

    @Test
    void shouldPauseAtAGateThatCannotJudgeWithADeadline()
    {
        final MonitorHarness h = inconclusiveAtGate(MonitorPolicy.defaults());
        final Decision pause = h.last();
        assertEquals(Action.PAUSE, pause.action());
        assertEquals(Decision.Trigger.GATE, pause.trigger());
        assertEquals(20 * S + MonitorPolicy.PAUSE_DEADLINE_NS_DEFAULT, pause.deadlineNs());
        assertTrue(pause.reason().endsWith(":INCONCLUSIVE"), pause.reason());
    }

    @Test
    void shouldTakeTheDefaultActionAtThePauseDeadline()
    {
        final MonitorHarness h = inconclusiveAtGate(MonitorPolicy.defaults());
        final long deadline = h.last().deadlineNs();
        h.monitor.tick(deadline - 1);
        assertEquals(Stage.PAUSED, h.monitor.stage());
        h.monitor.tick(deadline + 5 * S);
        final Decision fallback = h.acting(Action.ROLLBACK_FULL).get(0);
        assertEquals(deadline, fallback.tNs(), "taken at the deadline, even if the next event comes later");
        assertEquals("pause-deadline-rollback", fallback.reason());
    }

    @Test
    void shouldRefuseAConfirmationAfterTheDeadline()
    {
        final MonitorHarness h = inconclusiveAtGate(MonitorPolicy.defaults());
        final long deadline = h.last().deadlineNs();
        h.monitor.answer(true, deadline);
        assertEquals(Decision.Status.REFUSED, h.last().status());
        assertEquals("after-deadline", h.last().reason());
        assertEquals(1, h.acting(Action.ROLLBACK_FULL).size(), "the default action stands");
    }

    @Test
    void shouldAcceptAConfirmationJustBeforeTheDeadline()
    {
        final MonitorHarness h = inconclusiveAtGate(MonitorPolicy.defaults());
        h.monitor.answer(true, h.last().deadlineNs() - 1);
        assertEquals(Action.RESUME, h.last().action());
        assertEquals(Stage.MONITORING, h.monitor.stage());
    }

    @Test
    void shouldNotPauseAgainOnTheSameStaleVerdictAfterResuming()
    {
        final MonitorHarness h = inconclusiveAtGate(MonitorPolicy.defaults());
        h.monitor.answer(true, 30 * S);
        h.monitor.gate(2, 40 * S);
        assertEquals(Action.RESUME, h.last().action());
        assertTrue(h.last().reason().startsWith("stale-verdict-resumed:"), h.last().reason());
        assertEquals(Stage.MONITORING, h.monitor.stage());
        h.traffic(50 * S, 1, 1000);
        h.monitor.gate(2, 60 * S);
        assertEquals(Action.PAUSE, h.last().action(), "new evidence, still inconclusive: a fresh pause");
    }

    @Test
    void shouldResumeByItselfWhenThePausesDefaultIsResume()
    {
        final MonitorHarness h = inconclusiveAtGate(
            MonitorPolicy.defaults().withPause(MIN, Action.RESUME));
        h.monitor.tick(2 * MIN);
        assertEquals(Action.RESUME, h.last().action());
        assertEquals(20 * S + MIN, h.last().tNs());
    }

    @Test
    void shouldNeverPromoteWhenEveryRuleHasNoData()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.gate(2, MIN);
        assertEquals(Action.PAUSE, h.last().action());
    }

    private static MonitorHarness erroringFor(final MonitorPolicy policy, final long untilNs)
    {
        final MonitorHarness h = MonitorHarness.serving(policy, ChangeKind.CODE);
        for (long t = 10 * S; t <= untilNs; t += 10 * S)
        {
            h.traffic(t, 62, 1000);
        }
        return h;
    }

    @Test
    void shouldRollBackByItselfWhenNobodyConfirmsWithinFiveMinutes()
    {
        final MonitorHarness h = erroringFor(
            MonitorPolicy.defaults().withConfirmation(MonitorPolicy.CONFIRMATION_TIMEOUT_NS_DEFAULT), 11 * MIN);
        final Decision asked = h.decisions.get(0);
        assertEquals(Decision.Status.AWAITING_CONFIRMATION, asked.status());
        assertEquals(10 * MIN + 10 * S + 5 * MIN, asked.deadlineNs());
        h.monitor.tick(16 * MIN);
        final Decision done = h.last();
        assertEquals(Action.ROLLBACK_FULL, done.action());
        assertEquals(Decision.Status.ACT, done.status());
        assertEquals(asked.deadlineNs(), done.tNs());
        assertTrue(done.reason().startsWith("confirmation-timeout:"));
    }

    @Test
    void shouldSkipConfirmationOnADataCorruptionRisk()
    {
        final MonitorHarness h = MonitorHarness.serving(
            MonitorPolicy.defaults().withConfirmation(5 * MIN), ChangeKind.CODE);
        h.monitor.corruption(NEW, 30 * S);
        assertEquals(Action.ROLLBACK_EMERGENCY, h.last().action());
        assertEquals(Decision.Status.ACT, h.last().status());
        assertEquals(30 * S, h.last().tNs());
    }

    @Test
    void shouldHoldTheEmergencyDeadlineWhileAConfirmationIsPending()
    {
        final MonitorHarness h = erroringFor(MonitorPolicy.defaults().withConfirmation(5 * MIN), 11 * MIN);
        assertEquals(Stage.AWAITING_CONFIRMATION, h.monitor.stage());
        h.monitor.corruption(NEW, 12 * MIN);
        assertEquals(Action.ROLLBACK_EMERGENCY, h.last().action());
        assertEquals(12 * MIN, h.last().tNs(), "the pending confirmation does not hold the emergency back");
        h.monitor.tick(20 * MIN);
        assertEquals(1, h.acting(Action.ROLLBACK_FULL).size(), "the superseded request is not carried out");
    }

    @Test
    void shouldCapTheWaitForConfirmationAtALevelOneResponseTime()
    {
        final MonitorHarness h = new MonitorHarness(MonitorPolicy.defaults().withConfirmation(5 * MIN));
        h.monitor.revision(2, ChangeKind.CODE, NEW, OLD, 0);
        h.monitor.crash(NEW, S);
        assertEquals(Decision.Status.AWAITING_CONFIRMATION, h.last().status());
        assertEquals(S + 10 * S, h.last().deadlineNs(), "level 1's 10 s, not the 5 min wait");
    }

    @Test
    void shouldRollBackTheConfigurationWhenTheRevisionOnlyChangedConfiguration()
    {
        final MonitorHarness h = MonitorHarness.serving(MonitorPolicy.defaults(), ChangeKind.CONFIGURATION);
        h.monitor.probe("critical", NEW, S, ProbeOutcome.FAIL);
        assertEquals(Action.ROLLBACK_CONFIGURATION, h.last().action());
        assertEquals(Action.ROLLBACK_FULL, h.last().ruleAction());
        assertEquals(1, h.last().targetRevision(), "the last known good configuration");
    }

    @Test
    void shouldFreezeInsteadOfRollingBackOnceStateChangesCannotBeReversed()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.irreversible(MIN);
        h.monitor.probe("critical", NEW, 2 * MIN, ProbeOutcome.FAIL);
        assertEquals(Action.FREEZE, h.last().action());
        assertEquals(Stage.FROZEN, h.monitor.stage());
        h.monitor.corruption(NEW, 3 * MIN);
        assertEquals(Action.ROLLBACK_EMERGENCY, h.last().action(), "an emergency still acts");
    }

    @Test
    void shouldDecideNothingButAnEmergencyWhileRollingBack()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.probe("critical", NEW, S, ProbeOutcome.FAIL);
        assertEquals(Stage.ROLLING_BACK, h.monitor.stage());
        h.monitor.sample(DecisionMatrix.MIGRATION_FAILED, NEW, 2 * S, 1);
        h.monitor.probe("critical", NEW, 3 * S, ProbeOutcome.FAIL);
        assertEquals(1, h.decisions.size(), "no retry, no second rollback");
        h.monitor.corruption(NEW, 4 * S);
        assertEquals(Action.ROLLBACK_EMERGENCY, h.last().action());
    }

    @Test
    void shouldStartAFreshAnalysisWhenANewRevisionArrivesMidUpdate()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.crash(NEW, MIN);
        h.monitor.crash(NEW, 2 * MIN);
        h.monitor.revision(3, ChangeKind.CODE, 3, OLD, 3 * MIN);
        h.monitor.serving(3 * MIN);
        h.monitor.crash(3, 4 * MIN);
        assertTrue(h.decisions.isEmpty(), "the counters were reset: one crash, not three");
    }

    @Test
    void shouldRefuseToPromoteOnAnOlderRevisionsChecks()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.traffic(10 * S, 0, 1000);
        h.monitor.revision(3, ChangeKind.CODE, 3, OLD, MIN);
        h.monitor.gate(2, 2 * MIN);
        assertEquals(Decision.Status.REFUSED, h.last().status());
        assertEquals("stale-revision", h.last().reason());
        assertTrue(h.acting(Action.PROMOTE).isEmpty());
    }

    @Test
    void shouldStartAFreshAnalysisAfterARollbackSoARollbackOfItIsJudgedOnItsOwnData()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.crash(NEW, MIN);
        h.monitor.crash(NEW, 2 * MIN);
        h.monitor.probe("critical", NEW, 3 * MIN, ProbeOutcome.FAIL);
        assertEquals(Action.ROLLBACK_FULL, h.last().action());
        h.monitor.revision(1, ChangeKind.ROLLBACK, OLD, NEW, 4 * MIN);
        h.monitor.serving(4 * MIN);
        h.monitor.crash(OLD, 5 * MIN);
        assertEquals(1, h.acting(Action.ROLLBACK_FULL).size(), "the new revision's crashes do not count");
        h.monitor.crash(OLD, 6 * MIN);
        h.monitor.crash(OLD, 7 * MIN);
        final Decision again = h.last();
        assertEquals(Action.ROLLBACK_FULL, again.action(), "the rolled-back-to revision is judged afresh");
        assertEquals(2, again.targetRevision());
    }

    @Test
    void shouldGrantAFastUndoWithinReachAndSkipAnalysis()
    {
        final MonitorHarness h = MonitorHarness.serving();
        h.monitor.fastUndo(1, 10 * MIN);
        final Decision undo = h.last();
        assertEquals(Action.FAST_UNDO, undo.action());
        assertEquals(1, undo.targetRevision());
        assertEquals(10 * MIN + MonitorPolicy.FAST_UNDO_BOUND_NS_DEFAULT, undo.deadlineNs());
        assertTrue(undo.explanations().isEmpty(), "no analysis");
    }

    @Test
    void shouldRefuseAFastUndoOutOfReach()
    {
        final MonitorHarness h = MonitorHarness.serving(
            MonitorPolicy.defaults().withFastUndo(1, MIN, 30 * S), ChangeKind.CODE);
        h.monitor.fastUndo(1, 2 * MIN);
        assertEquals(Decision.Status.REFUSED, h.last().status(), "older than T");
        h.monitor.revision(3, ChangeKind.CODE, 3, NEW, 3 * MIN);
        h.monitor.fastUndo(1, 3 * MIN + S);
        assertTrue(h.last().reason().startsWith("fast-undo-out-of-reach:back=2"), h.last().reason());
    }

    @Test
    void shouldReportADryRunCriterionWithoutActing()
    {
        final Rule dry = new Rule(Criterion.failures("critical-dry", DecisionMatrix.CRITICAL_PROBE, 1,
            Criterion.IMMEDIATE_NS).asDryRun(), Action.ROLLBACK_FULL, Priority.P0, S,
            Rule.Phase.ALWAYS, "test");
        final MonitorHarness h = MonitorHarness.serving(MonitorPolicy.defaults().withRules(List.of(dry)),
            ChangeKind.CODE);
        h.monitor.probe("critical", NEW, S, ProbeOutcome.FAIL);
        final Decision report = h.last();
        assertEquals(Decision.Status.DRY_RUN, report.status());
        assertEquals(Action.ROLLBACK_FULL, report.action(), "what it would have done");
        assertEquals(Action.NONE, report.ruleAction());
        assertEquals(Stage.MONITORING, h.monitor.stage());
    }

    @Test
    void shouldPromoteAtAGateWhenEveryRuleThatReadDataPasses()
    {
        final Rule rate = new Rule(Criterion.ratio("rate", DecisionMatrix.ERRORS, DecisionMatrix.REQUESTS,
            Operator.GT, 0.05, MIN), Action.ROLLBACK_FULL, Priority.P0, S,
            Rule.Phase.ALWAYS, "test");
        final MonitorHarness h = MonitorHarness.serving(MonitorPolicy.defaults().withRules(List.of(rate)),
            ChangeKind.CODE);
        h.traffic(10 * S, 1, 1000);
        h.monitor.gate(2, 20 * S);
        assertEquals(Action.PROMOTE, h.last().action());
    }
}
