package org.hicsim.monitor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.decision.DecisionFunction;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.matrix.DecisionMatrix;
import org.hicsim.monitor.matrix.FailureLevel;
import org.hicsim.monitor.rule.Criterion;

/**
 * The Monitor's decision logic for one service under update, driven by events stamped with virtual time (which
 * arrive in time order) and answering with {@link Decision}s. A rule is evaluated at every event that can make it
 * true, and every rule and the confidence score at each {@link #tick}; deadlines (a pause's, a pending
 * confirmation's) fall due at the first event or tick at or after them. The semantics are in
 * docs/rollback-rules.md.
 */
public final class Monitor
{
    private final MonitorPolicy policy;
    private final RuleBook book;
    private final DecisionSink sink;
    private final RevisionHistory history = new RevisionHistory();
    private final RaisedRules raised = new RaisedRules();
    private final Set<Integer> wavesRolledBack = new HashSet<>();
    private final Evidence evidence = new Evidence();

    private long nowNs = Long.MIN_VALUE;
    private long nextId = 1;
    private int watched = -1;
    private int baseline = -1;
    private boolean serving;
    private boolean irreversible;
    private int wave = Decision.NO_WAVE;
    private boolean emergencyDecided;
    private Stage stage = Stage.MONITORING;
    private long questionDeadlineNs;
    private Decision pending;

    public Monitor(final MonitorPolicy policy, final DecisionSink sink)
    {
        this.policy = policy;
        this.book = new RuleBook(policy);
        this.sink = sink;
    }

    public Stage stage()
    {
        return stage;
    }

    /** Evaluation work done so far (samples touched), for tests that prove cost follows samples, not time. */
    public long samplesVisited()
    {
        return book.samplesVisited();
    }

    /**
     * A revision was submitted (or a rollback made one current again): a fresh analysis begins, every window and
     * counter emptied, so nothing is ever promoted on an older revision's checks.
     */
    public void revision(final int revision, final ChangeKind kind, final int watchedInstance,
        final int baselineInstance, final long tNs)
    {
        advance(tNs);
        history.submitted(revision, kind, tNs);
        watched = watchedInstance;
        baseline = baselineInstance;
        book.clear();
        raised.clear();
        wavesRolledBack.clear();
        serving = false;
        irreversible = false;
        wave = Decision.NO_WAVE;
        evidence.clear();
        stage = Stage.MONITORING;
        pending = null;
        emergencyDecided = false;
    }

    /** The new instance has started taking traffic: a crash is no longer a start-up failure (level 1). */
    public void serving(final long tNs)
    {
        advance(tNs);
        serving = true;
    }

    /** A migration wave began: a level-2 partial rollback sends this wave's connections back. */
    public void wave(final int waveNumber, final long tNs)
    {
        advance(tNs);
        wave = waveNumber;
    }

    /** State changes that cannot be reversed were made: a rollback becomes a freeze from now on. */
    public void irreversible(final long tNs)
    {
        advance(tNs);
        irreversible = true;
    }

    public void sample(final String metric, final int instance, final long tNs, final double value)
    {
        advance(tNs);
        if (instance != watched && instance != baseline)
        {
            return;
        }
        final boolean baselineRole = instance != watched;
        evidence.observed();
        book.sample(metric, baselineRole, tNs, value);
        decide(book.evaluateTriggered(metric, baselineRole, tNs, serving), Decision.Trigger.EVENT, tNs);
    }

    public void crash(final int instance, final long tNs)
    {
        sample(Criterion.CRASH, instance, tNs, 1);
    }

    /** A CRC mismatch in exported state: the corruption rule forces an emergency rollback. */
    public void corruption(final int instance, final long tNs)
    {
        sample(DecisionMatrix.CORRUPTION, instance, tNs, 1);
    }

    public void probe(final String check, final int instance, final long tNs, final ProbeOutcome outcome)
    {
        final String metric = Criterion.PROBE_PREFIX + check;
        if (outcome != ProbeOutcome.ERROR)
        {
            sample(metric, instance, tNs, outcome == ProbeOutcome.FAIL ? 1 : 0);
            return;
        }
        advance(tNs);
        if (instance != watched)
        {
            return;
        }
        evidence.observed();
        book.probeError(metric);
        decide(book.evaluateTriggered(metric, false, tNs, serving), Decision.Trigger.EVENT, tNs);
    }

    /** The health-check cadence: deadlines due, then every rule and the confidence score. */
    public void tick(final long tNs)
    {
        advance(tNs);
        decide(book.evaluateAll(tNs, serving), Decision.Trigger.TICK, tNs);
    }

    /**
     * The Module Manager asks whether {@code revision} may advance. Refused for any revision but the current one,
     * and while the analysis is not monitoring (paused, rolling back, frozen, awaiting confirmation).
     */
    public void gate(final int revision, final long tNs)
    {
        advance(tNs);
        if (judgeable(revision, Decision.Trigger.GATE, tNs))
        {
            decide(book.evaluateAll(tNs, serving), Decision.Trigger.GATE, tNs);
        }
    }

    /**
     * A canary analysis of {@code revision} ended: its records ({@code CanaryExplanations}) decide as a gate's do,
     * refused as a gate is.
     */
    public void canary(final int revision, final List<Explanation> records, final long tNs)
    {
        advance(tNs);
        if (judgeable(revision, Decision.Trigger.CANARY, tNs))
        {
            decide(records, Decision.Trigger.CANARY, tNs);
        }
    }

    /** Whether {@code revision} may be judged now; if not, the refusal is decided. */
    private boolean judgeable(final int revision, final Decision.Trigger trigger, final long tNs)
    {
        if (history.isEmpty() || revision != history.current().revision())
        {
            refuse(trigger, tNs, "stale-revision");
            return false;
        }
        if (stage != Stage.MONITORING)
        {
            refuse(trigger, tNs, "stage-" + stage);
            return false;
        }
        return true;
    }

    /**
     * A person answers the open question: for a pause, approve resumes and reject rolls back; for a rollback
     * awaiting confirmation, approve rolls back now and reject declines it. An answer at or after the question's
     * deadline is refused: the default action was already taken.
     */
    public void answer(final boolean approve, final long tNs)
    {
        final boolean open = stage == Stage.PAUSED || stage == Stage.AWAITING_CONFIRMATION;
        advance(tNs);
        if (stage == Stage.PAUSED)
        {
            if (approve)
            {
                resume(tNs, Decision.Trigger.OPERATOR, "resumed-by-operator");
            }
            else
            {
                emitRollback(Action.NONE, Action.ROLLBACK_FULL, Decision.Trigger.OPERATOR, tNs,
                    "rollback-by-operator", List.of(), Priority.P1, FailureLevel.L1.responseNs());
            }
        }
        else if (stage == Stage.AWAITING_CONFIRMATION)
        {
            final Decision confirmed = pending;
            pending = null;
            if (approve)
            {
                stage = Stage.ROLLING_BACK;
                emit(confirmed.ruleAction(), confirmed.action(), Decision.Status.ACT, Decision.Trigger.OPERATOR, tNs,
                    tNs + responseOf(confirmed.reason()), confirmed.priority(), confirmed.wave(),
                    confirmed.targetRevision(), "confirmed:" + confirmed.reason(), confirmed.explanations());
            }
            else
            {
                stage = Stage.MONITORING;
                emit(confirmed.ruleAction(), Action.NONE, Decision.Status.ACT, Decision.Trigger.OPERATOR, tNs,
                    tNs, confirmed.priority(), Decision.NO_WAVE, Decision.NO_REVISION,
                    "declined:" + confirmed.reason(), confirmed.explanations());
            }
        }
        else
        {
            refuse(Decision.Trigger.OPERATOR, tNs, open ? "after-deadline" : "no-open-question");
        }
    }

    /**
     * An operator asks to go back to {@code revision} at once, skipping analysis: granted if it is at most
     * K submissions back and its rollback point at most T old; done within the policy's bound.
     */
    public void fastUndo(final int revision, final long tNs)
    {
        advance(tNs);
        final RevisionHistory.Reach reach = history.reach(revision);
        if (reach == null || reach.revisionsBack() > policy.fastUndoRevisionsMax()
            || tNs - reach.rollbackPointNs() > policy.fastUndoAgeNsMax())
        {
            refuse(Decision.Trigger.OPERATOR, tNs, reach == null ? "fast-undo-unknown-revision"
                : "fast-undo-out-of-reach:back=" + reach.revisionsBack() + ",age=" + (tNs - reach.rollbackPointNs()));
            return;
        }
        stage = Stage.ROLLING_BACK;
        pending = null;
        emit(Action.NONE, Action.FAST_UNDO, Decision.Status.ACT, Decision.Trigger.OPERATOR, tNs,
            tNs + policy.fastUndoBoundNs(), Priority.P1, Decision.NO_WAVE, revision, "fast-undo", List.of());
    }

    private void advance(final long tNs)
    {
        if (tNs < nowNs)
        {
            throw new IllegalArgumentException("events arrive in time order: tNs=" + tNs + " nowNs=" + nowNs);
        }
        nowNs = tNs;
        if (stage == Stage.PAUSED && tNs >= questionDeadlineNs)
        {
            if (policy.pauseDefault() == Action.RESUME)
            {
                resume(questionDeadlineNs, Decision.Trigger.TICK, "pause-deadline-resume");
            }
            else
            {
                emitRollback(Action.NONE, Action.ROLLBACK_FULL, Decision.Trigger.TICK, questionDeadlineNs,
                    "pause-deadline-rollback", List.of(), Priority.P1, FailureLevel.L1.responseNs());
            }
        }
        else if (stage == Stage.AWAITING_CONFIRMATION && tNs >= questionDeadlineNs)
        {
            final Decision timedOut = pending;
            pending = null;
            stage = Stage.ROLLING_BACK;
            emit(timedOut.ruleAction(), timedOut.action(), Decision.Status.ACT, Decision.Trigger.TICK,
                questionDeadlineNs, questionDeadlineNs + responseOf(timedOut.reason()), timedOut.priority(),
                timedOut.wave(), timedOut.targetRevision(), "confirmation-timeout:" + timedOut.reason(),
                timedOut.explanations());
        }
    }

    private void decide(final List<Explanation> records, final Decision.Trigger trigger, final long tNs)
    {
        final boolean gate = trigger == Decision.Trigger.GATE || trigger == Decision.Trigger.CANARY;
        final Action action = DecisionFunction.decide(records, gate);
        final String reason = DecisionFunction.reason(records, action);
        final Rule rule = book.rule(reason);
        // a revision passing its gate is news for the log only; a decision no rule of the book made is P1
        final Priority priority = rule != null ? rule.priority() : action == Action.PROMOTE ? Priority.P3 : Priority.P1;
        final long responseNs = responseOf(reason);
        if ((stage == Stage.ROLLING_BACK || stage == Stage.FROZEN) && action != Action.ROLLBACK_EMERGENCY)
        {
            // the analysis is over for this revision: only an emergency may still act before the next one
            raised.update(records);
            return;
        }
        switch (action)
        {
            case NONE -> reportDryRun(records, trigger, tNs);
            case PROMOTE, RETRY_CONNECTION -> emit(action, action, Decision.Status.ACT, trigger, tNs, tNs + responseNs,
                priority, Decision.NO_WAVE, Decision.NO_REVISION, reason, records);
            case LOG, ALERT, PREPARE_ROLLBACK ->
            {
                if (raised.anyNewlyHit(records, false))
                {
                    emit(action, action, Decision.Status.ACT, trigger, tNs, tNs + responseNs, priority,
                        Decision.NO_WAVE, Decision.NO_REVISION, reason, records);
                }
            }
            case PAUSE -> pause(action, records, trigger, tNs, reason, priority);
            case ROLLBACK_PARTIAL ->
            {
                // level 2 pauses migration and sends the failing wave back; with no wave left to send, it pauses
                if (wave == Decision.NO_WAVE || wavesRolledBack.contains(wave))
                {
                    pause(action, records, trigger, tNs, reason, priority);
                }
                else
                {
                    emitRollback(action, action, trigger, tNs, reason, records, priority, responseNs);
                }
            }
            case ROLLBACK_EMERGENCY ->
            {
                if (!emergencyDecided)
                {
                    emergencyDecided = true;
                    pending = null;
                    stage = Stage.ROLLING_BACK;
                    emit(action, action, Decision.Status.ACT, trigger, tNs, tNs + responseNs, priority,
                        Decision.NO_WAVE, history.previousRevision(), reason, records);
                }
            }
            default -> emitRollback(action, action, trigger, tNs, reason, records, priority, responseNs);
        }
        raised.update(records);
    }

    /** @param ruleAction what the rule decided: a pause, or a partial rollback with no wave left to send back. */
    private void pause(
        final Action ruleAction,
        final List<Explanation> records,
        final Decision.Trigger trigger,
        final long tNs,
        final String reason,
        final Priority priority)
    {
        if (stage != Stage.MONITORING)
        {
            return;
        }
        if (evidence.stale())
        {
            // the verdict is the one already answered: an operator resumed on it, asking again would loop
            if (trigger == Decision.Trigger.GATE)
            {
                emit(ruleAction, Action.RESUME, Decision.Status.ACT, trigger, tNs, tNs, priority,
                    Decision.NO_WAVE, Decision.NO_REVISION, "stale-verdict-resumed:" + reason, records);
            }
            return;
        }
        stage = Stage.PAUSED;
        questionDeadlineNs = tNs + policy.pauseDeadlineNs();
        evidence.asked();
        emit(ruleAction, Action.PAUSE, Decision.Status.ACT, trigger, tNs, questionDeadlineNs, priority,
            Decision.NO_WAVE, Decision.NO_REVISION, reason, records);
    }

    private void resume(final long tNs, final Decision.Trigger trigger, final String reason)
    {
        stage = Stage.MONITORING;
        evidence.answered();
        emit(Action.NONE, Action.RESUME, Decision.Status.ACT, trigger, tNs, tNs, Priority.P3, Decision.NO_WAVE,
            Decision.NO_REVISION, reason, List.of());
    }

    /**
     * A partial, full or configuration rollback, through freeze and confirmation. A partial rollback (level 2)
     * also pauses migration, with the pause's deadline; it never waits for confirmation.
     */
    private void emitRollback(
        final Action ruleAction,
        final Action requested,
        final Decision.Trigger trigger,
        final long tNs,
        final String reason,
        final List<Explanation> records,
        final Priority priority,
        final long responseNs)
    {
        if (stage == Stage.ROLLING_BACK || stage == Stage.FROZEN || stage == Stage.AWAITING_CONFIRMATION)
        {
            return;
        }
        Action action = requested;
        if (action == Action.ROLLBACK_FULL && history.current().kind() == ChangeKind.CONFIGURATION)
        {
            action = Action.ROLLBACK_CONFIGURATION;
        }
        if (irreversible)
        {
            stage = Stage.FROZEN;
            emit(ruleAction, Action.FREEZE, Decision.Status.ACT, trigger, tNs, tNs + responseNs, priority,
                Decision.NO_WAVE, Decision.NO_REVISION, "irreversible:" + reason, records);
            return;
        }
        final int target = action == Action.ROLLBACK_PARTIAL ? Decision.NO_REVISION : history.previousRevision();
        final int rolledWave = action == Action.ROLLBACK_PARTIAL ? wave : Decision.NO_WAVE;
        // only what the rules decided waits for a person: a person's own answer or a pause's deadline does not
        if (policy.confirmationRequired() && ruleAction != Action.NONE && action != Action.ROLLBACK_PARTIAL)
        {
            // a level-1 rule's response time is an emergency deadline: the wait for a person never outlasts it
            final Rule rule = book.rule(reason);
            final boolean emergency = rule != null && FailureLevel.L1.source().equals(rule.source());
            final long waitNs = emergency ? Math.min(policy.confirmationTimeoutNs(), rule.responseNs())
                : policy.confirmationTimeoutNs();
            stage = Stage.AWAITING_CONFIRMATION;
            questionDeadlineNs = tNs + waitNs;
            pending = emit(ruleAction, action, Decision.Status.AWAITING_CONFIRMATION, trigger, tNs,
                questionDeadlineNs, priority, rolledWave, target, reason, records);
            return;
        }
        if (action == Action.ROLLBACK_PARTIAL)
        {
            wavesRolledBack.add(wave);
            stage = Stage.PAUSED;
            questionDeadlineNs = tNs + policy.pauseDeadlineNs();
            evidence.asked();
        }
        else
        {
            stage = Stage.ROLLING_BACK;
        }
        emit(ruleAction, action, Decision.Status.ACT, trigger, tNs, tNs + responseNs, priority, rolledWave, target,
            reason, records);
    }

    private void reportDryRun(final List<Explanation> records, final Decision.Trigger trigger, final long tNs)
    {
        Action wouldDo = Action.NONE;
        String rule = null;
        for (final Explanation record : records)
        {
            if (record.dryRun() && record.hit() && !raised.contains(record.rule()))
            {
                wouldDo = Action.stronger(wouldDo, record.action());
                rule = rule == null ? record.rule() : rule;
            }
        }
        if (rule != null)
        {
            emit(Action.NONE, wouldDo, Decision.Status.DRY_RUN, trigger, tNs, tNs, Priority.P3, Decision.NO_WAVE,
                Decision.NO_REVISION, "dry-run:" + rule, records);
        }
    }

    private long responseOf(final String reason)
    {
        final Rule rule = book.rule(reason);
        return rule == null ? FailureLevel.L1.responseNs() : rule.responseNs();
    }

    private void refuse(final Decision.Trigger trigger, final long tNs, final String reason)
    {
        emit(Action.NONE, Action.NONE, Decision.Status.REFUSED, trigger, tNs, tNs, Priority.P3, Decision.NO_WAVE,
            Decision.NO_REVISION, reason, List.of());
    }

    private Decision emit(
        final Action ruleAction,
        final Action action,
        final Decision.Status status,
        final Decision.Trigger trigger,
        final long tNs,
        final long deadlineNs,
        final Priority priority,
        final int decidedWave,
        final int targetRevision,
        final String reason,
        final List<Explanation> records)
    {
        final int revision = history.isEmpty() ? Decision.NO_REVISION : history.current().revision();
        final Decision decision = new Decision(nextId++, tNs, trigger, revision, ruleAction, action, status,
            deadlineNs, priority, decidedWave, targetRevision, reason, new ArrayList<>(records));
        sink.decision(decision);
        return decision;
    }
}
