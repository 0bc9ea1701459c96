package org.hicsim.monitor.service;

import java.util.TreeMap;

import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.matrix.FailureLevel;

/**
 * Failure level 1 (table 4.1) when the new instance dies before its init returned. The Module Manager cannot go on
 * without the instance and aborts the update in the step that started it, the old instance untouched, before the
 * crash notice reaches the Monitor. The Monitor's level-1 decision ("abort the update, keep the old instance
 * running") is then the abort already made: asking for a rollback as well would act twice (and with the update
 * ended, a rollback request would undo the service's last completed update instead). So such a decision is
 * recorded as agreeing with the Module Manager's abort and asks nothing; the update's end confirms it. Should no
 * end arrive by the decision's deadline (level 1's response time), the Monitor asks for the rollback itself.
 */
final class StartupAbortAgreement
{
    private final TreeMap<String, Decision> awaitingEnd = new TreeMap<>();

    /**
     * Whether {@code decision} is the Module Manager's own abort: a level-1 full rollback while the new instance
     * of the service's update had not finished its init. If so, it waits for the update's end.
     */
    boolean agrees(final String service, final Decision decision, final boolean instanceStarted)
    {
        if (instanceStarted || decision.status() != Decision.Status.ACT || decision.action() != Action.ROLLBACK_FULL
            || decision.failureLevel() != FailureLevel.L1.number())
        {
            return false;
        }
        awaitingEnd.put(service, decision);
        return true;
    }

    /** The update of {@code service} ended: the decision that agreed with its abort, or null. */
    Decision ended(final String service)
    {
        return awaitingEnd.remove(service);
    }

    /** The deadline of {@code decision} came: true if the update never ended, so the Monitor must act itself. */
    boolean overdue(final String service, final Decision decision)
    {
        return awaitingEnd.remove(service, decision);
    }
}
