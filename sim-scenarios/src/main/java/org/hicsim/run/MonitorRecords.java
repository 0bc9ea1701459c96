package org.hicsim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hicsim.core0.spi.Status;
import org.hicsim.monitor.alert.Delivery;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.service.MonitorListener;
import org.hicsim.monitor.service.MonitorService;
import org.hicsim.report.RunRecord;

/**
 * What the Monitor service did over a run, for {@code result.json}: every alert it delivered (deduplicated and
 * silenced ones are in the trace only) and every rollback it asked for that the Module Manager took, with the
 * reason it gave (the rule, the value it saw, the threshold and the window).
 */
final class MonitorRecords implements MonitorListener
{
    private final List<RunRecord.Alert> alerts = new ArrayList<>();
    private final List<RunRecord.Rollback> rollbacks = new ArrayList<>();

    @Override
    public void decided(final String service, final Decision decision, final int replyStatus)
    {
        if (decision.status() == Decision.Status.ACT && decision.action().isRollback() && replyStatus == Status.OK)
        {
            rollbacks.add(new RunRecord.Rollback(service, decision.action().name().toLowerCase(Locale.ROOT),
                MonitorService.auditReason(decision), decision.tNs()));
        }
    }

    @Override
    public void alerted(final String service, final Delivery delivery)
    {
        if (delivery.outcome() != Delivery.Outcome.DEDUPLICATED && delivery.outcome() != Delivery.Outcome.SILENCED)
        {
            alerts.add(new RunRecord.Alert(delivery.alert().priority().name(), delivery.alert().tNs(),
                "service=" + service + " " + delivery.alert().key()));
        }
    }

    List<RunRecord.Alert> alerts()
    {
        return alerts;
    }

    /** The Monitor's rollback of {@code service} asked for at or before {@code endNs} and not yet claimed, or null. */
    RunRecord.Rollback claim(final String service, final long endNs, final List<RunRecord.Rollback> claimed)
    {
        for (final RunRecord.Rollback rollback : rollbacks)
        {
            if (rollback.service().equals(service) && rollback.atNs() <= endNs && !claimed.contains(rollback))
            {
                return rollback;
            }
        }
        return null;
    }
}
