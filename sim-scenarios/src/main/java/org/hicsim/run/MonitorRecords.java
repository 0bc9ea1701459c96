package org.hicsim.run;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hicsim.core0.spi.Status;
import org.hicsim.monitor.alert.Delivery;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.rule.Evaluation;
import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.service.MonitorListener;
import org.hicsim.monitor.service.MonitorService;
import org.hicsim.report.RunRecord;

/**
 * What the Monitor service did over a run, for {@code result.json}: every alert it delivered (deduplicated and
 * silenced ones are in the trace only), every rollback it asked for that the Module Manager took, with the reason
 * it gave (the rule, the value it saw, the threshold and the window), and every decision with its explanation
 * records, field for field what the trace's {@code monitor.decision} and {@code monitor.explanation} lines say.
 */
final class MonitorRecords implements MonitorListener
{
    private final List<RunRecord.Alert> alerts = new ArrayList<>();
    private final List<RunRecord.Rollback> rollbacks = new ArrayList<>();
    private final List<RunRecord.Decision> decisions = new ArrayList<>();

    @Override
    public void decided(final String service, final Decision decision, final int replyStatus)
    {
        decisions.add(record(service, decision));
        if (decision.status() == Decision.Status.ACT && decision.action().isRollback() && replyStatus == Status.OK)
        {
            // result.json's kind says who decided (run-outputs.md): the Monitor's rules, an emergency one included
            rollbacks.add(new RunRecord.Rollback(service,
                decision.action() == Action.ROLLBACK_EMERGENCY ? RunRecord.Rollback.EMERGENCY
                    : RunRecord.Rollback.AUTOMATIC, MonitorService.auditReason(decision), decision.tNs(), 0));
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

    List<RunRecord.Decision> decisions()
    {
        return decisions;
    }

    private static RunRecord.Decision record(final String service, final Decision decision)
    {
        final List<RunRecord.Explanation> explanations = new ArrayList<>(decision.explanations().size());
        for (final Explanation explanation : decision.explanations())
        {
            explanations.add(new RunRecord.Explanation(key(explanation.kind()), explanation.rule(),
                key(explanation.verdict()), decimal(explanation.valueMicros()), explanation.operator().symbol(),
                decimal(explanation.thresholdMicros()), explanation.leftEdgeNs(), explanation.rightEdgeNs(),
                explanation.n(), decimal(explanation.weightMicros()), decimal(explanation.contributionMicros()),
                explanation.hit(), explanation.critical(), explanation.dryRun(), key(explanation.noData()),
                key(explanation.action()),
                explanation.heldSinceNs() == Evaluation.NOT_HELD ? null : explanation.heldSinceNs()));
        }
        return new RunRecord.Decision(service, decision.id(), decision.tNs(), key(decision.trigger()),
            decision.reason(), key(decision.ruleAction()), key(decision.action()), key(decision.status()),
            decision.priority().name(), decision.failureLevel() == Rule.NO_LEVEL ? null : decision.failureLevel(),
            decision.deadlineNs(), explanations);
    }

    /** A six-decimal number exactly as the trace prints it, or null for its {@code -}. */
    private static BigDecimal decimal(final long micros)
    {
        return micros == Fixed6.NONE ? null : BigDecimal.valueOf(micros, 6);
    }

    private static String key(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
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
