package org.hicsim.monitor;

import java.util.function.Consumer;

import org.hicsim.monitor.alert.Alert;
import org.hicsim.monitor.alert.AlertRouter;
import org.hicsim.monitor.alert.Delivery;
import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Decision;

/**
 * Passes each decision on and raises an alert for it through the router: at the priority of the rule that
 * decided (a dry run, a refusal: P3), keyed by the decision's reason, grouped by revision so the alerts of one
 * update merge into one incident.
 */
public final class AlertingSink implements DecisionSink
{
    private final DecisionSink next;
    private final AlertRouter router;
    private final Consumer<Delivery> deliveries;

    public AlertingSink(final DecisionSink next, final AlertRouter router, final Consumer<Delivery> deliveries)
    {
        this.next = next;
        this.router = router;
        this.deliveries = deliveries;
    }

    @Override
    public void decision(final Decision decision)
    {
        next.decision(decision);
        final boolean informational = decision.status() == Decision.Status.DRY_RUN
            || decision.status() == Decision.Status.REFUSED;
        final Priority priority = informational ? Priority.P3 : decision.priority();
        deliveries.accept(router.raise(new Alert(decision.tNs(), priority, decision.reason(),
            "revision-" + decision.revision(), decision.toLine())));
    }
}
