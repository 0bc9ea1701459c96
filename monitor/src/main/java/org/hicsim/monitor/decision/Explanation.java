package org.hicsim.monitor.decision;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hicsim.monitor.rule.Evaluation;
import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.rule.NoDataPolicy;
import org.hicsim.monitor.rule.Operator;
import org.hicsim.monitor.rule.Verdict;

/**
 * Why a decision was taken, one criterion at a time: the value it computed over the window (leftEdgeNs,
 * rightEdgeNs], the threshold and operator, the n samples read, for the confidence score the weight and the
 * contribution, and for a rule since when its value has held against the threshold without a break
 * ({@link Evaluation#NOT_HELD} when it does not, or for a score's record). Numbers are fixed-point micro-units ({@link Fixed6}), so {@link #toLine()} is the same on every JVM
 * and {@link #parse} gives back exactly the record, from which {@link DecisionFunction} reproduces the decision.
 */
public record Explanation(
    Kind kind,
    String rule,
    Verdict verdict,
    long valueMicros,
    Operator operator,
    long thresholdMicros,
    long leftEdgeNs,
    long rightEdgeNs,
    long n,
    long weightMicros,
    long contributionMicros,
    boolean hit,
    boolean critical,
    boolean dryRun,
    NoDataPolicy noData,
    Action action,
    long heldSinceNs)
{
    /** A rule of the matrix or the levels, a component of the confidence score, or the score itself. */
    public enum Kind
    {
        RULE,
        COMPONENT,
        SCORE
    }

    /** A record that does not say since when its value held (a score's, a component's). */
    public Explanation(
        final Kind kind,
        final String rule,
        final Verdict verdict,
        final long valueMicros,
        final Operator operator,
        final long thresholdMicros,
        final long leftEdgeNs,
        final long rightEdgeNs,
        final long n,
        final long weightMicros,
        final long contributionMicros,
        final boolean hit,
        final boolean critical,
        final boolean dryRun,
        final NoDataPolicy noData,
        final Action action)
    {
        this(kind, rule, verdict, valueMicros, operator, thresholdMicros, leftEdgeNs, rightEdgeNs, n, weightMicros,
            contributionMicros, hit, critical, dryRun, noData, action, Evaluation.NOT_HELD);
    }

    public static Explanation ofRule(final Rule rule, final Evaluation evaluation)
    {
        return new Explanation(Kind.RULE, rule.criterion().name(), evaluation.verdict(), evaluation.valueMicros(),
            rule.criterion().operator(), Fixed6.of(rule.criterion().threshold()), evaluation.leftEdgeNs(),
            evaluation.rightEdgeNs(), evaluation.n(), Fixed6.NONE, Fixed6.NONE, evaluation.hit(),
            rule.criterion().critical(), rule.criterion().dryRun(), rule.criterion().noData(), rule.action(),
            evaluation.heldSinceNs());
    }

    /** How long the value had held against the threshold when the record was made; 0 when it did not. */
    public long heldForNs()
    {
        return heldSinceNs == Evaluation.NOT_HELD ? 0 : rightEdgeNs - heldSinceNs;
    }

    /** The stable one-line text form written to the trace. */
    public String toLine()
    {
        return "explain kind=" + kind + " rule=" + rule + " verdict=" + verdict + " value=" + Fixed6.format(valueMicros)
            + " op=" + operator.symbol() + " threshold=" + Fixed6.format(thresholdMicros)
            + " window=(" + leftEdgeNs + "," + rightEdgeNs + "] n=" + n
            + " weight=" + Fixed6.format(weightMicros) + " contribution=" + Fixed6.format(contributionMicros)
            + " hit=" + hit + " critical=" + critical + " dry_run=" + dryRun + " nodata=" + noData
            + " action=" + action + " held_since=" + (heldSinceNs == Evaluation.NOT_HELD ? "-" : heldSinceNs);
    }

    public static Explanation parse(final String line)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        final String[] words = line.split(" ");
        if (!"explain".equals(words[0]))
        {
            throw new IllegalArgumentException("not an explanation record: line=" + line);
        }
        for (int i = 1; i < words.length; i++)
        {
            final int eq = words[i].indexOf('=');
            fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        final String window = fields.get("window");
        final int comma = window.indexOf(',');
        return new Explanation(
            Kind.valueOf(fields.get("kind")),
            fields.get("rule"),
            Verdict.valueOf(fields.get("verdict")),
            Fixed6.parse(fields.get("value")),
            Operator.ofSymbol(fields.get("op")),
            Fixed6.parse(fields.get("threshold")),
            Long.parseLong(window.substring(1, comma)),
            Long.parseLong(window.substring(comma + 1, window.length() - 1)),
            Long.parseLong(fields.get("n")),
            Fixed6.parse(fields.get("weight")),
            Fixed6.parse(fields.get("contribution")),
            Boolean.parseBoolean(fields.get("hit")),
            Boolean.parseBoolean(fields.get("critical")),
            Boolean.parseBoolean(fields.get("dry_run")),
            NoDataPolicy.valueOf(fields.get("nodata")),
            Action.valueOf(fields.get("action")),
            heldSince(fields.get("held_since")));
    }

    /** A record written before {@code held_since} existed says nothing of it. */
    private static long heldSince(final String field)
    {
        return field == null || "-".equals(field) ? Evaluation.NOT_HELD : Long.parseLong(field);
    }
}
