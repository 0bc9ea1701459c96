package org.hicsim.monitor.decision;

/**
 * What a decision asks of the Module Manager, in increasing order of precedence: when several rules are hit at
 * one instant the decision takes the one declared last.
 */
public enum Action
{
    /** Nothing to do (a rule's own action when it only reports). */
    NONE,
    /** Go on: a pause answered or its default action "continue". */
    RESUME,
    /** A gate passed: the checked revision may advance. */
    PROMOTE,
    /** Level 4: keep monitoring, log the finding. */
    LOG,
    /** Level 3: retry the failed connection's migration. */
    RETRY_CONNECTION,
    /** Alert and keep monitoring (a leak rate). */
    ALERT,
    /** Alert and prepare for a rollback (a performance drop): keep the rollback point warm. */
    PREPARE_ROLLBACK,
    /** Stop advancing and wait for a decision or the pause's deadline. */
    PAUSE,
    /** Keep the new version, stop migrating: state changes that cannot be reversed. */
    FREEZE,
    /** Level 2: the connections of the failing wave go back to the old instance, the rest stay. */
    ROLLBACK_PARTIAL,
    /** Back to the last known good configuration, the code unchanged. */
    ROLLBACK_CONFIGURATION,
    /** Every connection back to the old instance. */
    ROLLBACK_FULL,
    /** Back to a recent rollback point without analysis, in bounded virtual time. */
    FAST_UNDO,
    /** Corruption risk: stop the new instance at once, drop incomplete migrations, restart the old one. */
    ROLLBACK_EMERGENCY;

    public boolean isRollback()
    {
        return this == ROLLBACK_PARTIAL || this == ROLLBACK_CONFIGURATION || this == ROLLBACK_FULL
            || this == FAST_UNDO || this == ROLLBACK_EMERGENCY;
    }

    public static Action stronger(final Action a, final Action b)
    {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
