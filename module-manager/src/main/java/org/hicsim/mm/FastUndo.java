package org.hicsim.mm;

import java.util.List;

import org.hicsim.core0.sim.Simulation;

/**
 * The fast undo: straight back to a recent rollback point, skipping analysis. "Recent" is bounded both ways: at
 * most {@link #REVISIONS_MAX} completed updates back, and made at most {@link #AGE_MAX_NS} ago. The update back
 * runs with no phase-2 gates (no consistency, baseline or leak check), no stability period, every connection in
 * one immediate stage at {@link #MIGRATIONS_PER_SECOND} a second, so its virtual time is bounded by the state
 * hand-over plus the connections over that rate; {@link #DEADLINE_NS} is the bound the tests hold it to, and an
 * undo still running then is traced ({@code mm.fast-undo.overdue}).
 */
final class FastUndo
{
    static final int REVISIONS_MAX = 3;
    static final long AGE_MAX_NS = Simulation.HOURS;
    static final long DEADLINE_NS = 30 * Simulation.SECONDS;
    static final int MIGRATIONS_PER_SECOND = 10_000;

    private FastUndo()
    {
    }

    /**
     * The rollback point {@code revisionsBack} completed updates back (1: the last), or null if there is none
     * within the bounds.
     */
    static ServiceRecord.RollbackPoint target(final List<ServiceRecord.RollbackPoint> history,
        final int revisionsBack, final long nowNs)
    {
        if (revisionsBack < 1 || revisionsBack > REVISIONS_MAX || revisionsBack > history.size())
        {
            return null;
        }
        final ServiceRecord.RollbackPoint point = history.get(history.size() - revisionsBack);
        return nowNs - point.createdAtNs() <= AGE_MAX_NS ? point : null;
    }

    /** The update back: no analysis, no stability period, every connection at once, a downgrade allowed. */
    static UpdatePolicy policy()
    {
        return UpdatePolicy.DEFAULT.toBuilder()
            .allowDowngrade(true)
            .strategy(Strategy.immediate())
            .consistencyCheck(false)
            .gateRequests(0)
            .leakCheckRequests(0)
            .stabilityPeriodNs(0)
            .migrationsPerSecondMax(MIGRATIONS_PER_SECOND)
            .build();
    }
}
