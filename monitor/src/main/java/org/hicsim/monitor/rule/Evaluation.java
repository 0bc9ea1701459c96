package org.hicsim.monitor.rule;

/**
 * One evaluation of a criterion at the instant {@code rightEdgeNs}: its verdict, the value it computed (micro-units,
 * {@link Fixed6#NONE} when there was none), whether the rule is hit, the window (leftEdgeNs, rightEdgeNs], the
 * number of samples n it read, and since when the value has held against the threshold without a break
 * ({@link #NOT_HELD} when it does not hold now).
 */
public record Evaluation(
    Criterion criterion,
    Verdict verdict,
    long valueMicros,
    boolean hit,
    long leftEdgeNs,
    long rightEdgeNs,
    long n,
    long heldSinceNs)
{
    /** The value does not hold against the threshold at this evaluation. */
    public static final long NOT_HELD = Long.MIN_VALUE;

    /** An evaluation that does not say since when its value held. */
    public Evaluation(
        final Criterion criterion,
        final Verdict verdict,
        final long valueMicros,
        final boolean hit,
        final long leftEdgeNs,
        final long rightEdgeNs,
        final long n)
    {
        this(criterion, verdict, valueMicros, hit, leftEdgeNs, rightEdgeNs, n, NOT_HELD);
    }

    /** How long the value has held against the threshold at this evaluation; 0 when it does not. */
    public long heldForNs()
    {
        return heldSinceNs == NOT_HELD ? 0 : rightEdgeNs - heldSinceNs;
    }
}
