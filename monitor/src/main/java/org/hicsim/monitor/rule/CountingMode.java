package org.hicsim.monitor.rule;

/**
 * How an outcome criterion counts failures inside its window. With limit N either mode fires on the Nth failure
 * it counts (count &gt;= N), never on the (N+1)th.
 */
public enum CountingMode
{
    /** Every failure in the window counts; a success between failures changes nothing. The default. */
    CUMULATIVE,
    /** Only the run of failures at the window's newest end counts; a success resets it to zero. */
    CONSECUTIVE
}
