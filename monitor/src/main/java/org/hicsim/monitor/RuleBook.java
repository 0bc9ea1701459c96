package org.hicsim.monitor;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.rule.CriterionState;
import org.hicsim.monitor.rule.Evaluation;
import org.hicsim.monitor.score.ConfidenceScore;

/**
 * The windows of every rule and score component of a policy: routes each sample to the criteria that read it and
 * evaluates, at an event, only the rules that event can make true, or at a tick or gate every rule and the score.
 */
public final class RuleBook
{
    private final List<Rule> rules;
    private final List<CriterionState> ruleStates = new ArrayList<>();
    private final ConfidenceScore score;
    private final List<CriterionState> componentStates = new ArrayList<>();

    public RuleBook(final MonitorPolicy policy)
    {
        this.rules = policy.rules();
        this.score = policy.score();
        rules.forEach(rule -> ruleStates.add(new CriterionState(rule.criterion())));
        score.components().forEach(component -> componentStates.add(new CriterionState(component.criterion())));
    }

    public void sample(final String metric, final boolean baselineRole, final long tNs, final double value)
    {
        route(ruleStates, metric, baselineRole, tNs, value);
        route(componentStates, metric, baselineRole, tNs, value);
    }

    public void probeError(final String metric)
    {
        for (final CriterionState state : ruleStates)
        {
            if (state.reads(metric, false))
            {
                state.probeError();
            }
        }
    }

    /** Records of the rules, applying in this phase, that a sample of {@code metric} can make true. */
    public List<Explanation> evaluateTriggered(
        final String metric, final boolean baselineRole, final long tNs, final boolean serving)
    {
        final List<Explanation> records = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++)
        {
            final CriterionState state = ruleStates.get(i);
            if (rules.get(i).phase().includes(serving) && state.triggeredBy(metric, baselineRole))
            {
                records.add(Explanation.ofRule(rules.get(i), state.evaluate(tNs)));
            }
        }
        return records;
    }

    /** Records of every rule applying in this phase, then the confidence score's. */
    public List<Explanation> evaluateAll(final long tNs, final boolean serving)
    {
        final List<Explanation> records = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++)
        {
            if (rules.get(i).phase().includes(serving))
            {
                records.add(Explanation.ofRule(rules.get(i), ruleStates.get(i).evaluate(tNs)));
            }
        }
        final List<Evaluation> evaluations = new ArrayList<>(componentStates.size());
        componentStates.forEach(state -> evaluations.add(state.evaluate(tNs)));
        records.addAll(score.explain(evaluations, tNs));
        return records;
    }

    /** Forgets every sample: a fresh analysis. */
    public void clear()
    {
        ruleStates.forEach(CriterionState::clear);
        componentStates.forEach(CriterionState::clear);
    }

    /** Samples touched by evictions and aggregates since the book was built: evaluation work, counted. */
    public long samplesVisited()
    {
        long visited = 0;
        for (final CriterionState state : ruleStates)
        {
            visited += state.samplesVisited();
        }
        for (final CriterionState state : componentStates)
        {
            visited += state.samplesVisited();
        }
        return visited;
    }

    public Rule rule(final String name)
    {
        for (final Rule rule : rules)
        {
            if (rule.criterion().name().equals(name))
            {
                return rule;
            }
        }
        return null;
    }

    private static void route(
        final List<CriterionState> states,
        final String metric,
        final boolean baselineRole,
        final long tNs,
        final double value)
    {
        for (final CriterionState state : states)
        {
            if (state.reads(metric, baselineRole))
            {
                state.sample(metric, baselineRole, tNs, value);
            }
        }
    }
}
