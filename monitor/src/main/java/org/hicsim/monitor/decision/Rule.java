package org.hicsim.monitor.decision;

import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.rule.Criterion;

/**
 * A criterion and what its FAIL does: the action, the alert's priority, the response time within which the
 * action must complete, where the rule comes from (a row of table 4.2 or a level of table 4.1) and in which phase
 * of the update it applies.
 */
public record Rule(Criterion criterion, Action action, Priority priority, long responseNs, Phase phase, String source)
{
    public Rule
    {
        if (responseNs <= 0 || source == null || source.indexOf(' ') >= 0)
        {
            throw new IllegalArgumentException(
                "invalid rule: name=" + criterion.name() + " responseNs=" + responseNs + " source=" + source);
        }
    }

    /** When a rule applies: a crash during start-up is level 1, one while serving goes to the matrix. */
    public enum Phase
    {
        STARTUP,
        SERVING,
        ALWAYS;

        public boolean includes(final boolean serving)
        {
            return this == ALWAYS || (this == SERVING) == serving;
        }
    }
}
