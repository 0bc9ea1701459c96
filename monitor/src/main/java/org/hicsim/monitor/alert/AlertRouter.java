package org.hicsim.monitor.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes alerts by priority (P0 pages a person, P3 is only logged) and keeps them from storming: a key raised
 * again within the deduplication window of its last raise, no more urgent than then, is counted, not sent; alerts of one group within the merge window of the
 * group's last alert join its open incident, sent again only if more urgent than it; during a maintenance window
 * [start, end) alerts are silenced, except P0, since what needs a person needs one during maintenance too.
 */
public final class AlertRouter
{
    private final long dedupWindowNs;
    private final long mergeWindowNs;
    private final List<long[]> maintenance = new ArrayList<>();
    private final Map<String, Alert> lastByKey = new HashMap<>();
    private final Map<String, Incident> openByGroup = new HashMap<>();
    private long nextIncident = 1;

    public AlertRouter(final long dedupWindowNs, final long mergeWindowNs)
    {
        if (dedupWindowNs < 0 || mergeWindowNs < 0)
        {
            throw new IllegalArgumentException(
                "windows are not negative: dedupWindowNs=" + dedupWindowNs + " mergeWindowNs=" + mergeWindowNs);
        }
        this.dedupWindowNs = dedupWindowNs;
        this.mergeWindowNs = mergeWindowNs;
    }

    /** Alerts raised in [startNs, endNs) are silenced, P0 excepted. */
    public void maintenance(final long startNs, final long endNs)
    {
        if (endNs <= startNs)
        {
            throw new IllegalArgumentException("a maintenance window ends after it starts: startNs=" + startNs
                + " endNs=" + endNs);
        }
        maintenance.add(new long[] {startNs, endNs});
    }

    public Delivery raise(final Alert alert)
    {
        if (alert.priority() != Priority.P0 && inMaintenance(alert.tNs()))
        {
            return new Delivery(alert, Delivery.Outcome.SILENCED, Priority.Route.LOG, 0);
        }
        final Alert last = lastByKey.put(alert.key(), alert);
        final Incident open = openByGroup.get(alert.group());
        final boolean related = open != null && alert.tNs() - open.lastNs <= mergeWindowNs;
        if (last != null && alert.tNs() - last.tNs() <= dedupWindowNs
            && alert.priority().compareTo(last.priority()) >= 0)
        {
            return new Delivery(alert, Delivery.Outcome.DEDUPLICATED, Priority.Route.LOG,
                related ? open.id : 0);
        }
        if (related)
        {
            open.lastNs = alert.tNs();
            if (alert.priority().compareTo(open.priority) < 0)
            {
                open.priority = alert.priority();
                return new Delivery(alert, Delivery.Outcome.ESCALATED, alert.priority().route(), open.id);
            }
            return new Delivery(alert, Delivery.Outcome.MERGED, Priority.Route.LOG, open.id);
        }
        final Incident incident = new Incident(nextIncident++, alert.priority(), alert.tNs());
        openByGroup.put(alert.group(), incident);
        return new Delivery(alert, Delivery.Outcome.DELIVERED, alert.priority().route(), incident.id);
    }

    private boolean inMaintenance(final long tNs)
    {
        for (final long[] window : maintenance)
        {
            if (tNs >= window[0] && tNs < window[1])
            {
                return true;
            }
        }
        return false;
    }

    /** Related alerts merged under one notification. */
    private static final class Incident
    {
        private final long id;
        private Priority priority;
        private long lastNs;

        private Incident(final long id, final Priority priority, final long lastNs)
        {
            this.id = id;
            this.priority = priority;
            this.lastNs = lastNs;
        }
    }
}
