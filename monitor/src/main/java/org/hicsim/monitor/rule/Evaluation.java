package org.hicsim.monitor.rule;

/**
 * One evaluation of a criterion at the instant {@code rightEdgeNs}: its verdict, the value it computed (micro-units,
 * {@link Fixed6#NONE} when there was none), whether the rule is hit, the window (leftEdgeNs, rightEdgeNs] and the
 * number of samples n it read.
 */
public record Evaluation(
    Criterion criterion,
    Verdict verdict,
    long valueMicros,
    boolean hit,
    long leftEdgeNs,
    long rightEdgeNs,
    long n)
{
}
