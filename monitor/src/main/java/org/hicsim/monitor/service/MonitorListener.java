package org.hicsim.monitor.service;

import org.hicsim.monitor.alert.Delivery;
import org.hicsim.monitor.decision.Decision;

/**
 * Who hears what the Monitor service did, besides the trace: the scenario runner, to fill {@code result.json}.
 * Told from the event loop, after the act.
 */
public interface MonitorListener
{
    MonitorListener NONE = new MonitorListener()
    {
    };

    /**
     * A decision about {@code service}, and the status the Module Manager answered the request it made (or
     * {@link MonitorService#NO_REQUEST} when the decision asked nothing of it).
     */
    default void decided(final String service, final Decision decision, final int replyStatus)
    {
    }

    /** An alert as the router delivered it. */
    default void alerted(final String service, final Delivery delivery)
    {
    }
}
