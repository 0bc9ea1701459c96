package org.hicsim.monitor.canary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.DecisionFunction;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.rule.NoDataPolicy;
import org.hicsim.monitor.rule.Operator;
import org.hicsim.monitor.rule.Verdict;

/**
 * A canary report as the explanation records of the decision it makes, so that {@link DecisionFunction} (a canary
 * verdict is judged as a gate) decides from them alone and a replay of the trace gives the decision back
 * (docs/rollback-rules.md, "Canary analysis"). Per metric, components that never act:
 * <ul>
 *     <li>{@code canary:<metric>}: the effect (the new median over the old) against the tolerance in the failing
 *     direction ({@code >} the allowed increase, {@code <} the allowed decrease; for {@code EITHER}, the side the
 *     effect lies on), the verdict FAIL when the metric failed for any reason, n the new instance's samples, the
 *     weight its share of its group's, the contribution what it added to the score;</li>
 *     <li>{@code canary:<metric>:mann-whitney}: the rank test's p-value against alpha ({@code <}: significant);</li>
 *     <li>{@code canary:<metric>:new-nonzero}, for a metric that fails on values where the old instance had none:
 *     1 if the new instance had some, else 0, against 0;</li>
 *     <li>{@code canary:<metric>:ks} and {@code canary:<metric>:spread}, where the spread check ran.</li>
 * </ul>
 * Then the score: {@link #FAIL} (a SCORE record: below the marginal threshold rolls back) and {@link #MARGINAL} (a
 * rule: below the pass threshold takes {@link #MARGINAL_ACTION}, and with no metric judged it cannot judge, which
 * pauses too). A failed critical metric scores 0 (every contribution 0), so it fails whatever the others say.
 */
public final class CanaryExplanations
{
    /** The score's record: below the marginal threshold, the canary fails and the update is rolled back. */
    public static final String FAIL = "canary-fail";
    /** The pass threshold's record: at or above the marginal threshold but below the pass threshold. */
    public static final String MARGINAL = "canary-marginal";
    /** The documented default for MARGINAL: hold and ask (the pause's deadline and default action follow). */
    public static final Action MARGINAL_ACTION = Action.PAUSE;
    private static final String PREFIX = "canary:";

    private CanaryExplanations()
    {
    }

    /**
     * @param leftEdgeNs  the analysis's start (excluded: its first samples came after it).
     * @param rightEdgeNs the instant it was judged.
     */
    public static List<Explanation> of(final CanaryConfig config, final CanaryReport report, final long leftEdgeNs,
        final long rightEdgeNs)
    {
        final Map<String, Integer> judgedByGroup = new TreeMap<>();
        for (final MetricResult result : report.results())
        {
            if (result.classification() != Classification.NODATA)
            {
                judgedByGroup.merge(result.metric().group(), 1, Integer::sum);
            }
        }
        final boolean zeroed = report.verdict() == CanaryReport.Verdict.FAIL
            && report.reason().startsWith(CanaryJudge.CRITICAL_FAILED);
        final Map<String, Long> shares = contributions(config, report, judgedByGroup, zeroed);
        final long alphaMicros = Fixed6.of(config.alpha());
        final List<Explanation> records = new ArrayList<>();
        long judged = 0;
        for (final MetricResult result : report.results())
        {
            final CanaryMetric metric = result.metric();
            final boolean judgedMetric = result.classification() != Classification.NODATA;
            judged += judgedMetric ? 1 : 0;
            final Verdict verdict = !judgedMetric ? Verdict.NODATA
                : result.classification().failed() ? Verdict.FAIL : Verdict.PASS;
            final boolean up = metric.direction() == Direction.INCREASE
                || (metric.direction() == Direction.EITHER && result.effectMicros() >= Fixed6.ONE);
            final long weightMicros = judgedMetric
                ? Fixed6.of(config.groupWeights().get(metric.group()) / judgedByGroup.get(metric.group())) : 0;
            records.add(component(metric.name(), verdict, result.effectMicros(), up ? Operator.GT : Operator.LT,
                Fixed6.of(up ? metric.allowedIncrease() : metric.allowedDecrease()), leftEdgeNs, rightEdgeNs,
                result.experimentN(), weightMicros, shares.getOrDefault(metric.name(), 0L), metric.critical()));
            if (judgedMetric)
            {
                records.add(test(metric.name() + ":mann-whitney", result.mannWhitneyPMicros(), alphaMicros,
                    leftEdgeNs, rightEdgeNs, result.experimentN()));
            }
            if (judgedMetric && metric.newNonZeroFails())
            {
                final boolean found = result.classification() == Classification.NEW_NONZERO;
                records.add(component(metric.name() + ":new-nonzero", found ? Verdict.FAIL : Verdict.PASS,
                    found ? Fixed6.ONE : 0, Operator.GT, 0, leftEdgeNs, rightEdgeNs, result.experimentN(), 0, 0,
                    metric.critical()));
            }
            if (result.ksPMicros() != Fixed6.NONE)
            {
                records.add(test(metric.name() + ":ks", result.ksPMicros(), alphaMicros, leftEdgeNs, rightEdgeNs,
                    result.experimentN()));
                records.add(component(metric.name() + ":spread",
                    result.classification() == Classification.SPREAD ? Verdict.FAIL : Verdict.PASS,
                    result.spreadMicros(), Operator.GT, Fixed6.of(metric.spreadTolerance()), leftEdgeNs, rightEdgeNs,
                    result.experimentN(), 0, 0, metric.critical()));
            }
        }
        final long scoreMicros = report.scoreMicros();
        final boolean failed = judged > 0 && Operator.LT.holds(scoreMicros, Fixed6.of(config.marginalThreshold()));
        records.add(new Explanation(Explanation.Kind.SCORE, FAIL, judged == 0 ? Verdict.NODATA
            : failed ? Verdict.FAIL : Verdict.PASS, scoreMicros, Operator.LT, Fixed6.of(config.marginalThreshold()),
            leftEdgeNs, rightEdgeNs, judged, Fixed6.NONE, scoreMicros, failed, false, false, NoDataPolicy.IGNORE,
            Action.ROLLBACK_FULL));
        final boolean belowPass = judged > 0 && Operator.LT.holds(scoreMicros, Fixed6.of(config.passThreshold()));
        records.add(new Explanation(Explanation.Kind.RULE, MARGINAL, judged == 0 ? Verdict.NODATA
            : belowPass ? Verdict.FAIL : Verdict.PASS, scoreMicros, Operator.LT, Fixed6.of(config.passThreshold()),
            leftEdgeNs, rightEdgeNs, judged, Fixed6.NONE, Fixed6.NONE, belowPass, false, false,
            NoDataPolicy.INCONCLUSIVE, MARGINAL_ACTION));
        return records;
    }

    /**
     * Each passing metric's part of its group's contribution ({@code weight x passed / judged}, rounded as the judge
     * rounds it), the last passing metric of a group taking the rounding's remainder, so that the parts add up to
     * the score exactly; all 0 when a critical metric failed.
     */
    private static Map<String, Long> contributions(final CanaryConfig config, final CanaryReport report,
        final Map<String, Integer> judgedByGroup, final boolean zeroed)
    {
        final Map<String, List<String>> passedByGroup = new TreeMap<>();
        for (final MetricResult result : report.results())
        {
            if (result.classification() == Classification.PASS)
            {
                passedByGroup.computeIfAbsent(result.metric().group(), group -> new ArrayList<>())
                    .add(result.metric().name());
            }
        }
        final Map<String, Long> shares = new TreeMap<>();
        for (final Map.Entry<String, List<String>> group : passedByGroup.entrySet())
        {
            final List<String> passed = group.getValue();
            final long groupMicros = zeroed ? 0 : Fixed6.of(config.groupWeights().get(group.getKey()) * passed.size()
                / judgedByGroup.get(group.getKey()));
            final long each = groupMicros / passed.size();
            for (int i = 0; i < passed.size(); i++)
            {
                shares.put(passed.get(i), i == passed.size() - 1 ? groupMicros - each * i : each);
            }
        }
        return shares;
    }

    private static Explanation component(final String name, final Verdict verdict, final long valueMicros,
        final Operator operator, final long thresholdMicros, final long leftEdgeNs, final long rightEdgeNs,
        final long n, final long weightMicros, final long contributionMicros, final boolean critical)
    {
        return new Explanation(Explanation.Kind.COMPONENT, PREFIX + name, verdict, valueMicros, operator,
            thresholdMicros, leftEdgeNs, rightEdgeNs, n, weightMicros, contributionMicros, false, critical, false,
            NoDataPolicy.IGNORE, Action.NONE);
    }

    /** A test's p-value against alpha: FAIL when significant (the distributions differ). */
    private static Explanation test(final String name, final long pMicros, final long alphaMicros,
        final long leftEdgeNs, final long rightEdgeNs, final long n)
    {
        return component(name, Operator.LT.holds(pMicros, alphaMicros) ? Verdict.FAIL : Verdict.PASS, pMicros,
            Operator.LT, alphaMicros, leftEdgeNs, rightEdgeNs, n, 0, 0, false);
    }
}
