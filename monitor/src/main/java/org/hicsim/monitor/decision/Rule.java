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
    /** How the source of a rule that is a failure level's indicator (table 4.1) begins; the level's number follows. */
    public static final String LEVEL_SOURCE_PREFIX = "table-4.1-level-";
    /** The failure level of a rule that is no level's indicator (a matrix row, step 5.1's corruption rule). */
    public static final int NO_LEVEL = 0;

    public Rule
    {
        if (responseNs <= 0 || source == null || source.indexOf(' ') >= 0)
        {
            throw new IllegalArgumentException(
                "invalid rule: name=" + criterion.name() + " responseNs=" + responseNs + " source=" + source);
        }
    }

    /**
     * The failure level (1 to 4) this rule is the indicator of, read from its source, or {@link #NO_LEVEL}: the
     * matrix rows (table 4.2) carry a severity of their own, not a level.
     */
    public int failureLevel()
    {
        return source.startsWith(LEVEL_SOURCE_PREFIX)
            ? Integer.parseInt(source.substring(LEVEL_SOURCE_PREFIX.length())) : NO_LEVEL;
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
