package org.hicsim.monitor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.matrix.DecisionMatrix;
import org.hicsim.monitor.rule.InvalidRuleException;
import org.hicsim.monitor.score.ConfidenceScore;

/**
 * What the Monitor checks and how it acts: the rules, the confidence score, the pause a verdict that cannot judge
 * causes (its deadline and its default action), manual confirmation of rollbacks (and how long it waits), and the
 * reach of fast undo (K revisions back, T old at most, done within a bound).
 */
public record MonitorPolicy(
    List<Rule> rules,
    ConfidenceScore score,
    long pauseDeadlineNs,
    Action pauseDefault,
    boolean confirmationRequired,
    long confirmationTimeoutNs,
    int fastUndoRevisionsMax,
    long fastUndoAgeNsMax,
    long fastUndoBoundNs)
{
    public static final long PAUSE_DEADLINE_NS_DEFAULT = 10 * Simulation.MINUTES;
    public static final long CONFIRMATION_TIMEOUT_NS_DEFAULT = 5 * Simulation.MINUTES;
    public static final int FAST_UNDO_REVISIONS_MAX_DEFAULT = 2;
    public static final long FAST_UNDO_AGE_NS_MAX_DEFAULT = Simulation.HOURS;
    public static final long FAST_UNDO_BOUND_NS_DEFAULT = 30 * Simulation.SECONDS;

    public MonitorPolicy
    {
        rules = List.copyOf(rules);
        final Set<String> names = new HashSet<>();
        for (final Rule rule : rules)
        {
            if (!names.add(rule.criterion().name()))
            {
                throw new InvalidRuleException("rule named twice: name=" + rule.criterion().name());
            }
        }
        if (pauseDeadlineNs <= 0 || confirmationTimeoutNs <= 0 || fastUndoRevisionsMax < 1 || fastUndoAgeNsMax <= 0
            || fastUndoBoundNs <= 0)
        {
            throw new InvalidRuleException("invalid policy: pauseDeadlineNs=" + pauseDeadlineNs
                + " confirmationTimeoutNs=" + confirmationTimeoutNs + " fastUndoRevisionsMax=" + fastUndoRevisionsMax
                + " fastUndoAgeNsMax=" + fastUndoAgeNsMax + " fastUndoBoundNs=" + fastUndoBoundNs);
        }
        if (pauseDefault != Action.RESUME && pauseDefault != Action.ROLLBACK_FULL)
        {
            throw new InvalidRuleException("a pause's default action resumes or rolls back: pauseDefault=" + pauseDefault);
        }
    }

    /** The HIC document's rules and score; a pause rolls back after 10 minutes; no confirmation asked. */
    public static MonitorPolicy defaults()
    {
        return new MonitorPolicy(DecisionMatrix.defaults(), DecisionMatrix.defaultScore(), PAUSE_DEADLINE_NS_DEFAULT,
            Action.ROLLBACK_FULL, false, CONFIRMATION_TIMEOUT_NS_DEFAULT, FAST_UNDO_REVISIONS_MAX_DEFAULT,
            FAST_UNDO_AGE_NS_MAX_DEFAULT, FAST_UNDO_BOUND_NS_DEFAULT);
    }

    public MonitorPolicy withRules(final List<Rule> newRules)
    {
        return new MonitorPolicy(newRules, score, pauseDeadlineNs, pauseDefault, confirmationRequired,
            confirmationTimeoutNs, fastUndoRevisionsMax, fastUndoAgeNsMax, fastUndoBoundNs);
    }

    public MonitorPolicy withScore(final ConfidenceScore newScore)
    {
        return new MonitorPolicy(rules, newScore, pauseDeadlineNs, pauseDefault, confirmationRequired,
            confirmationTimeoutNs, fastUndoRevisionsMax, fastUndoAgeNsMax, fastUndoBoundNs);
    }

    public MonitorPolicy withPause(final long deadlineNs, final Action defaultAction)
    {
        return new MonitorPolicy(rules, score, deadlineNs, defaultAction, confirmationRequired,
            confirmationTimeoutNs, fastUndoRevisionsMax, fastUndoAgeNsMax, fastUndoBoundNs);
    }

    public MonitorPolicy withConfirmation(final long timeoutNs)
    {
        return new MonitorPolicy(rules, score, pauseDeadlineNs, pauseDefault, true, timeoutNs,
            fastUndoRevisionsMax, fastUndoAgeNsMax, fastUndoBoundNs);
    }

    public MonitorPolicy withFastUndo(final int revisionsMax, final long ageNsMax, final long boundNs)
    {
        return new MonitorPolicy(rules, score, pauseDeadlineNs, pauseDefault, confirmationRequired,
            confirmationTimeoutNs, revisionsMax, ageNsMax, boundNs);
    }
}
