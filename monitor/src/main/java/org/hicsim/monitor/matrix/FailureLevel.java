package org.hicsim.monitor.matrix;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Rule;

/**
 * The failure levels of table 4.1: the indicator, the time within which the response must be done, the recovery
 * strategy as a Monitor action, and the alert priority.
 */
public enum FailureLevel
{
    L1("new instance start-up fails or crashes", 10 * Simulation.SECONDS, Action.ROLLBACK_FULL, Priority.P0,
        "abort the update, keep the old instance running"),
    L2("migration success < 90% or performance drop > 50%", 30 * Simulation.SECONDS, Action.ROLLBACK_PARTIAL,
        Priority.P1, "pause migration, analyse, roll the failing wave back"),
    L3("single connection migration failure or timeout", 60 * Simulation.SECONDS, Action.RETRY_CONNECTION,
        Priority.P2, "retry the failed connection, log"),
    L4("minor performance drop (< 10%) or warnings", 5 * Simulation.MINUTES, Action.LOG, Priority.P3,
        "continue monitoring, auto-optimisation");

    private final String indicator;
    private final long responseNs;
    private final Action strategy;
    private final Priority priority;
    private final String recovery;

    FailureLevel(
        final String indicator,
        final long responseNs,
        final Action strategy,
        final Priority priority,
        final String recovery)
    {
        this.indicator = indicator;
        this.responseNs = responseNs;
        this.strategy = strategy;
        this.priority = priority;
        this.recovery = recovery;
    }

    public String indicator()
    {
        return indicator;
    }

    public long responseNs()
    {
        return responseNs;
    }

    public Action strategy()
    {
        return strategy;
    }

    public Priority priority()
    {
        return priority;
    }

    public String recovery()
    {
        return recovery;
    }

    /** The rule source tag decisions carry for this level. */
    public String source()
    {
        return Rule.LEVEL_SOURCE_PREFIX + number();
    }

    /** The level's number in table 4.1, 1 (critical) to 4 (low). */
    public int number()
    {
        return ordinal() + 1;
    }
}
