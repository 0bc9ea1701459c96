package org.hicsim.monitor.decision;

import java.util.List;

import org.hicsim.monitor.rule.NoDataPolicy;
import org.hicsim.monitor.rule.Verdict;

/**
 * The decision as a pure function of its explanation records, so that replaying the records of a trace
 * reproduces it. Rules: the strongest action among the hit records that are not dry runs wins (a critical rule's
 * hit acts whatever the confidence score says, since the score is only one more record); an ERROR verdict pauses;
 * at a gate, a record that cannot judge (ERROR, INCONCLUSIVE, NODATA by its policy) pauses, all-NODATA pauses,
 * and only then does the revision pass.
 */
public final class DecisionFunction
{
    private DecisionFunction()
    {
    }

    public static Action decide(final List<Explanation> records, final boolean gate)
    {
        Action action = Action.NONE;
        boolean cannotJudge = false;
        boolean anyData = false;
        for (final Explanation record : records)
        {
            if (record.kind() == Explanation.Kind.COMPONENT || record.dryRun())
            {
                continue;
            }
            if (record.hit())
            {
                action = Action.stronger(action, record.action());
            }
            if (record.verdict() == Verdict.ERROR)
            {
                action = Action.stronger(action, Action.PAUSE);
            }
            if (record.kind() == Explanation.Kind.RULE)
            {
                anyData |= record.n() > 0;
                cannotJudge |= record.verdict() == Verdict.INCONCLUSIVE
                    || (record.verdict() == Verdict.NODATA && record.noData() == NoDataPolicy.INCONCLUSIVE);
                if (record.verdict() == Verdict.NODATA && record.noData() == NoDataPolicy.FAIL)
                {
                    action = Action.stronger(action, record.action());
                }
            }
        }
        if (!gate || action.compareTo(Action.PAUSE) >= 0)
        {
            return action;
        }
        return cannotJudge || !anyData ? Action.PAUSE : Action.PROMOTE;
    }

    /** The first record that gave the decided action, for the decision's one-word reason. */
    public static String reason(final List<Explanation> records, final Action action)
    {
        for (final Explanation record : records)
        {
            if (!record.dryRun() && record.kind() != Explanation.Kind.COMPONENT && record.hit()
                && record.action() == action)
            {
                return record.rule();
            }
        }
        for (final Explanation record : records)
        {
            if (!record.dryRun() && record.kind() == Explanation.Kind.RULE && record.verdict() != Verdict.PASS)
            {
                return record.rule() + ":" + record.verdict();
            }
        }
        return action == Action.PROMOTE ? "all-pass" : "none";
    }
}
