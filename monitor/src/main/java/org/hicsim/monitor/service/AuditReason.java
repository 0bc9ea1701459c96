package org.hicsim.monitor.service;

import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.matrix.DecisionMatrix;
import org.hicsim.monitor.rule.Aggregation;
import org.hicsim.monitor.rule.Criterion;
import org.hicsim.monitor.rule.Evaluation;
import org.hicsim.monitor.rule.Fixed6;

/**
 * The reason a request gives the Module Manager, which its audit log records, as the HIC document words it
 * ("Automatic rollback triggered, reason: error rate 6.2% for 12 minutes"): the deciding rule, what it saw in words
 * with how long the value has been past the threshold without a break, then the figures it was judged on, e.g.
 * {@code error-rate-over-5pct-10m: error rate 6.3% for 9 minutes 35 seconds (value=0.062726>0.050000, window=600s,
 * n=120)}. The rules of the document ({@link DecisionMatrix#defaults()}) are named in words; another rule by its
 * metric. Integer arithmetic on the records' micro-units, so the text is the same on every JVM.
 */
final class AuditReason
{
    private static final List<Rule> DOCUMENT_RULES = DecisionMatrix.defaults();
    private static final long MICROS_PER_TENTH_PERCENT = 1_000;

    private AuditReason()
    {
    }

    /** The decision's reason, with the words and figures of the rule hit that decided it when there is one. */
    static String of(final Decision decision)
    {
        for (final Explanation record : decision.explanations())
        {
            if (record.kind() == Explanation.Kind.RULE && record.hit() && !record.dryRun()
                && decision.reason().endsWith(record.rule()))
            {
                return decision.reason() + ": " + words(record) + " (value=" + Fixed6.format(record.valueMicros())
                    + record.operator().symbol() + Fixed6.format(record.thresholdMicros()) + ", window="
                    + duration(record.rightEdgeNs() - record.leftEdgeNs()) + ", n=" + record.n() + ")";
            }
        }
        return decision.reason();
    }

    /**
     * What the rule saw, in words: a count of failures within its window, or a value and how long it has held
     * (left out for a record that does not say, such as a canary judgement's).
     */
    static String words(final Explanation record)
    {
        final Criterion criterion = criterion(record.rule());
        final long windowNs = record.rightEdgeNs() - record.leftEdgeNs();
        if (criterion == null)
        {
            return record.rule() + " " + Fixed6.format(record.valueMicros()) + held(record);
        }
        if (criterion.aggregation() == Aggregation.FAILURES)
        {
            return criterion.metric() + " " + plural(record.valueMicros() / Fixed6.ONE, "time") + " within "
                + spoken(windowNs);
        }
        final String what = switch (criterion.aggregation())
        {
            case RATIO -> (DecisionMatrix.ERRORS.equals(criterion.metric()) ? "error rate"
                : criterion.metric() + "/" + criterion.denominator()) + " " + percent(record.valueMicros());
            case CHANGE_VS_BASELINE -> criterion.metric() + " change " + (record.valueMicros() >= 0 ? "+" : "")
                + percent(record.valueMicros()) + " against the old instance";
            case SLOPE_PER_HOUR -> criterion.metric() + " growing " + Fixed6.format(record.valueMicros()) + " per hour";
            default -> criterion.metric() + " " + Fixed6.format(record.valueMicros());
        };
        return what + held(record);
    }

    private static String held(final Explanation record)
    {
        return record.heldSinceNs() == Evaluation.NOT_HELD ? "" : " for " + spoken(record.heldForNs());
    }

    /** A fraction in micro-units as a percentage rounded to a tenth: 62726 is {@code 6.3%}. */
    static String percent(final long micros)
    {
        final long tenths = Math.floorDiv(micros + MICROS_PER_TENTH_PERCENT / 2, MICROS_PER_TENTH_PERCENT);
        return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10 + "%";
    }

    /** A duration as a person says it, to the second: {@code 9 minutes 35 seconds}, {@code 10 minutes}. */
    static String spoken(final long ns)
    {
        final long seconds = ns / Simulation.SECONDS;
        final long minutes = seconds / 60;
        final long rest = seconds % 60;
        if (minutes == 0)
        {
            return plural(rest, "second");
        }
        return plural(minutes, "minute") + (rest == 0 ? "" : " " + plural(rest, "second"));
    }

    private static String duration(final long ns)
    {
        return ns % Simulation.SECONDS == 0 ? ns / Simulation.SECONDS + "s" : ns + "ns";
    }

    private static String plural(final long count, final String unit)
    {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private static Criterion criterion(final String rule)
    {
        for (final Rule candidate : DOCUMENT_RULES)
        {
            if (candidate.criterion().name().equals(rule))
            {
                return candidate.criterion();
            }
        }
        return null;
    }
}
