package org.hicsim.monitor.score;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.rule.Evaluation;
import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.rule.InvalidRuleException;
import org.hicsim.monitor.rule.NoDataPolicy;
import org.hicsim.monitor.rule.Operator;
import org.hicsim.monitor.rule.Verdict;

/**
 * The rollback confidence score of step 5.1: the sum of its components' contributions, in micro-units so the sum
 * is exact, against the threshold with the operator {@code >} ("exceeding triggers automatic rollback"): at the
 * default 0.8 a score of 0.800000 does not roll back, 0.800001 does. Weights are validated when the score is
 * built: each in (0, 1], names distinct, summing to 1 within {@link #WEIGHT_SUM_TOLERANCE}.
 */
public final class ConfidenceScore
{
    public static final String RULE = "confidence";
    public static final double THRESHOLD_DEFAULT = 0.8;
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;
    public static final Operator OPERATOR = Operator.GT;

    private final List<ScoreComponent> components;
    private final long thresholdMicros;

    public ConfidenceScore(final List<ScoreComponent> components, final double threshold)
    {
        if (components.isEmpty() || !(threshold > 0 && threshold <= 1))
        {
            throw new InvalidRuleException(
                "invalid confidence score: components=" + components.size() + " threshold=" + threshold);
        }
        final Set<String> names = new HashSet<>();
        double sum = 0;
        final StringBuilder weights = new StringBuilder();
        for (final ScoreComponent component : components)
        {
            if (!names.add(component.criterion().name()))
            {
                throw new InvalidRuleException("score component named twice: name=" + component.criterion().name());
            }
            sum += component.weight();
            weights.append(weights.length() == 0 ? "" : ",").append(component.criterion().name()).append('=')
                .append(component.weight());
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE)
        {
            throw new InvalidRuleException("score weights must sum to 1: sum=" + sum + " weights={" + weights + "}");
        }
        this.components = List.copyOf(components);
        this.thresholdMicros = Fixed6.of(threshold);
    }

    public List<ScoreComponent> components()
    {
        return components;
    }

    public long thresholdMicros()
    {
        return thresholdMicros;
    }

    /**
     * One record per component (weight, contribution) then the score's own record, whose value is the exact sum of
     * the contributions and whose hit is {@code value > threshold}. A component that cannot judge (no data, too
     * few samples) contributes 0.
     */
    public List<Explanation> explain(final List<Evaluation> evaluations, final long tNs)
    {
        final List<Explanation> records = new ArrayList<>(components.size() + 1);
        long scoreMicros = 0;
        long n = 0;
        for (int i = 0; i < components.size(); i++)
        {
            final ScoreComponent component = components.get(i);
            final Evaluation evaluation = evaluations.get(i);
            final boolean judged = evaluation.verdict() == Verdict.PASS || evaluation.verdict() == Verdict.FAIL;
            final double signal = judged ? component.signal(Fixed6.toDouble(evaluation.valueMicros())) : 0;
            final long weightMicros = Fixed6.of(component.weight());
            final long contributionMicros = Fixed6.of(component.weight() * signal);
            scoreMicros += contributionMicros;
            n += judged ? 1 : 0;
            records.add(new Explanation(Explanation.Kind.COMPONENT, component.criterion().name(),
                evaluation.verdict(), evaluation.valueMicros(), component.criterion().operator(),
                Fixed6.of(component.criterion().threshold()), evaluation.leftEdgeNs(), evaluation.rightEdgeNs(),
                evaluation.n(), weightMicros, contributionMicros, false, false, false, NoDataPolicy.IGNORE,
                Action.NONE));
        }
        records.add(scoreRecord(scoreMicros, thresholdMicros, n, tNs));
        return records;
    }

    /** The score's own record, from the sum of contributions alone (replay builds it the same way). */
    public static Explanation scoreRecord(
        final long scoreMicros, final long thresholdMicros, final long judged, final long tNs)
    {
        final boolean hit = judged > 0 && OPERATOR.holds(scoreMicros, thresholdMicros);
        final Verdict verdict = judged == 0 ? Verdict.NODATA : hit ? Verdict.FAIL : Verdict.PASS;
        return new Explanation(Explanation.Kind.SCORE, RULE, verdict, scoreMicros, OPERATOR, thresholdMicros, tNs,
            tNs, judged, Fixed6.ONE, scoreMicros, hit, false, false, NoDataPolicy.IGNORE, Action.ROLLBACK_FULL);
    }
}
