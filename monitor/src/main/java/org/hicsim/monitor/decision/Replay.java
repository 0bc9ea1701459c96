package org.hicsim.monitor.decision;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.monitor.rule.Verdict;

/**
 * Reproduces a decision from the explanation lines of a trace: parses each line, checks that each record agrees
 * with itself (a rule's hit is its operator applied to its value and threshold; the score is the exact sum of its
 * components' contributions), and gives what {@link DecisionFunction} decides from them.
 */
public final class Replay
{
    private Replay()
    {
    }

    public static Action decide(final List<String> lines, final boolean gate)
    {
        final List<Explanation> records = new ArrayList<>(lines.size());
        long contributions = 0;
        for (final String line : lines)
        {
            final Explanation record = Explanation.parse(line);
            check(record, contributions);
            contributions = record.kind() == Explanation.Kind.COMPONENT ? contributions + record.contributionMicros()
                : record.kind() == Explanation.Kind.SCORE ? 0 : contributions;
            records.add(record);
        }
        return DecisionFunction.decide(records, gate);
    }

    private static void check(final Explanation record, final long contributions)
    {
        final boolean consistent = switch (record.kind())
        {
            case RULE -> record.hit() == (record.verdict() == Verdict.FAIL)
                && (!record.hit() || record.operator().holds(record.valueMicros(), record.thresholdMicros()));
            case COMPONENT -> !record.hit();
            case SCORE -> record.valueMicros() == contributions
                && record.hit() == (record.n() > 0
                    && record.operator().holds(record.valueMicros(), record.thresholdMicros()));
        };
        if (!consistent)
        {
            throw new IllegalArgumentException("explanation record disagrees with itself: line=" + record.toLine());
        }
    }
}
