package org.hicsim.monitor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hicsim.monitor.decision.Explanation;

/**
 * Which rules were hit at their last evaluation, so that alert-like decisions fire on the edge: once when a rule
 * becomes hit, again only after an evaluation found it not hit. Only looked up, never iterated.
 */
final class RaisedRules
{
    private final Set<String> raised = new HashSet<>();

    /** Whether a hit record (live, or a dry run when {@code dryRun}) was not hit at its previous evaluation. */
    boolean anyNewlyHit(final List<Explanation> records, final boolean dryRun)
    {
        for (final Explanation record : records)
        {
            if (record.hit() && record.dryRun() == dryRun && !raised.contains(record.rule()))
            {
                return true;
            }
        }
        return false;
    }

    boolean contains(final String rule)
    {
        return raised.contains(rule);
    }

    void update(final List<Explanation> records)
    {
        for (final Explanation record : records)
        {
            if (record.hit())
            {
                raised.add(record.rule());
            }
            else
            {
                raised.remove(record.rule());
            }
        }
    }

    void clear()
    {
        raised.clear();
    }
}
