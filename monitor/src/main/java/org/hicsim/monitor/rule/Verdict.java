package org.hicsim.monitor.rule;

/**
 * What one evaluation of a criterion says. Only PASS lets an update go on; FAIL hits the criterion's rule; the
 * other three say the Monitor cannot judge yet, each for its own reason (see docs/rollback-rules.md).
 */
public enum Verdict
{
    /** Enough samples, the rule is not hit. */
    PASS,
    /** Enough samples (and the window covered where the criterion asks for it), the rule is hit. */
    FAIL,
    /** Some samples, fewer than the criterion's minimum, or the window not yet covered. */
    INCONCLUSIVE,
    /** No sample at all in the window. */
    NODATA,
    /** The probe feeding the criterion itself failed its consecutive error limit times. */
    ERROR
}
