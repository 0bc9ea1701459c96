package org.hicsim.mm;

import java.util.Locale;

/**
 * How an update ended, as reports and scenario expectations name it.
 */
public enum UpdateOutcome
{
    /** Still running (or paused for an approval). */
    IN_PROGRESS,
    /** The new version serves every connection and is committed. */
    COMPLETED,
    /** It went past the point of no return and every connection went back to the old version. */
    ROLLED_BACK,
    /** Refused before any instance was made: policy, bundle, dependencies, or another update in progress. */
    REFUSED,
    /** Stopped before the point of no return with nothing to undo: the new instance is gone, the old untouched. */
    ABORTED;

    /** {@code completed}, {@code rolled_back}, ... */
    public String key()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
